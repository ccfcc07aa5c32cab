/** A child for child-runner tests: echoes, sleeps, throws, or dies the way a V8 fatal error does. */
import { serveParent } from '../child-main.js';

type Op =
  { op: 'echo'; value: unknown } | { op: 'busy'; ms: number } | { op: 'throw' } | { op: 'abort' } | { op: 'pid' };

serveParent(async (payload: Op) => {
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
    case 'throw':
      throw Object.assign(new Error('the flow is not valid'), { name: 'FlowLoadError', code: 'invalid' });
    case 'abort':
      // What a V8 fatal error looks like from outside: the process ends on a signal, no reply.
      process.abort();
  }
});
