/**
 * The frames around loop bodies, drawn under the nodes in the canvas's own coordinates (a
 * viewport portal, so they pan and zoom with the flow). Each names its loop and, after a run,
 * how many items ran and which one's path the body shows. They take no pointer events: the
 * canvas under them stays clickable.
 */
import { ViewportPortal } from '@xyflow/react';
import { itemNumber, useT } from '../i18n/index.js';
import type { LoopFrame } from './loop-frames.js';
import type { LoopTraceMark } from './trace-marks.js';

export function LoopFrames(props: {
  frames: readonly LoopFrame[];
  /** The loop node's name (or label) by id. */
  names: ReadonlyMap<string, string>;
  runs: ReadonlyMap<string, LoopTraceMark>;
}) {
  const t = useT();
  if (props.frames.length === 0) return null;
  return (
    <ViewportPortal>
      {props.frames.map((frame) => {
        const name = props.names.get(frame.loopId) ?? frame.loopId;
        const run = props.runs.get(frame.loopId);
        return (
          <div
            key={frame.loopId}
            className={`fd-loop-frame${run && run.failed > 0 ? ' has-failed' : ''}`}
            data-testid={`loop-frame-${name}`}
            style={{ transform: `translate(${frame.x}px, ${frame.y}px)`, width: frame.width, height: frame.height }}
          >
            <div className="fd-loop-frame-label">
              {t('canvas.loopFrame', { name })}
              {run && (
                <span className="fd-loop-frame-run" data-testid={`loop-frame-run-${name}`}>
                  {' · '}
                  {run.shown === undefined
                    ? t('canvas.loopFrameRunNone')
                    : t('canvas.loopFrameRun', { count: run.count, failed: run.failed, n: itemNumber(run.shown) })}
                </span>
              )}
            </div>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
