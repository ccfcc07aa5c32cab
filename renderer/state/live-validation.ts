/**
 * Live validation: after each edit settles, the host validates the canonical text (ajv needs
 * eval, which the renderer's CSP forbids) and the store keeps the issues it found.
 */
import type { HostApi } from '../../core/host-api.js';
import type { DesignerStore } from './flow-store.js';
import { flowToText } from './flow-text.js';
import { hostErrorText } from '../host/host-error-text.js';

export const VALIDATION_DEBOUNCE_MS = 200;

/** Starts validating on every flow change; returns the function that stops it. */
export function startLiveValidation(
  store: DesignerStore,
  getHost: () => HostApi | undefined,
  delayMs = VALIDATION_DEBOUNCE_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const run = async () => {
    timer = undefined;
    const host = getHost();
    if (!host || stopped) return;
    const flow = store.getState().flow;
    try {
      const result = await host.validateFlow(flowToText(flow));
      // An answer for a flow that has since changed is stale; the next run replaces it.
      if (!stopped && store.getState().flow === flow) store.getState().setIssues(result.issues);
    } catch (err) {
      if (!stopped) {
        store.getState().setStatus({
          kind: 'error',
          say: (w) => w.t('status.validationFailed', { message: hostErrorText(err, w.locale) }),
          topic: { kind: 'validation' },
        });
      }
    }
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.flow !== prev.flow) schedule();
  });
  schedule();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    unsubscribe();
  };
}
