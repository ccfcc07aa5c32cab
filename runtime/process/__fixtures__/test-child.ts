/** A child for child-runner tests: echoes, sleeps, throws, reports events, or dies the way a V8 fatal error does. */
import { serveParent } from '../child-main.js';

type Op =
  | { op: 'echo'; value: unknown }
  | { op: 'busy'; ms: number }
  | { op: 'wait'; ms: number }
  | { op: 'events'; count: number }
  | { op: 'event-then-notice' }
  | { op: 'notices' }
  | { op: 'throw' }
  | { op: 'abort' }
  | { op: 'pid' };

const notices: unknown[] = [];
/** A call waiting for the host's next notice (as a run waits for its checkpoint to be saved). */
let onNextNotice: (() => void) | undefined;

serveParent<Op, unknown, { n: number }, unknown>(
  async (payload, emit) => {
    switch (payload.op) {
      case 'echo':
        return payload.value;
      case 'pid':
        return process.pid;
      case 'busy': {
        // Blocks this process's event loop, as a slow Code task or expression would.
        const end = Date.now() + payload.ms;
        while (Date.now() < end) {
          /* spin */
        }
        return 'done';
      }
      case 'wait':
        // Waits without blocking, as a run awaiting an upstream does.
        await new Promise((r) => setTimeout(r, payload.ms));
        return process.pid;
      case 'events':
        for (let n = 1; n <= payload.count; n++) emit({ n });
        return 'reported';
      case 'event-then-notice':
        // The host answers the event with a notice: the event must cross before the reply.
        emit({ n: 1 });
        await new Promise<void>((resolve) => (onNextNotice = resolve));
        return 'released';
      case 'notices':
        return notices;
      case 'throw':
        throw Object.assign(new Error('the flow is not valid'), { name: 'FlowLoadError', code: 'invalid' });
      case 'abort':
        // What a V8 fatal error looks like from outside: the process ends on a signal, no reply.
        process.abort();
    }
  },
  {
    onNotice: (notice) => {
      notices.push(notice);
      const release = onNextNotice;
      onNextNotice = undefined;
      release?.();
    },
  },
);
