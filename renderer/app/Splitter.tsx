/**
 * A drag handle between panels. Reports the size the panel should take; the panel's owner
 * clamps and stores it. Arrow keys resize too, for keyboard users.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../i18n/index.js';

interface SplitterProps {
  /** `x` resizes a side panel (width), `y` the bottom dock (height). */
  axis: 'x' | 'y';
  size: number;
  /** +1 when dragging right/down grows the panel, -1 when it shrinks it. */
  direction: 1 | -1;
  min: number;
  max: number;
  onResize: (size: number) => void;
  testId?: string;
}

export function Splitter({ axis, size, direction, min, max, onResize, testId }: SplitterProps) {
  const t = useT();
  const start = useRef<{ pointer: number; size: number } | null>(null);
  const clamp = (v: number) => Math.max(min, Math.min(max, Math.round(v)));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { pointer: axis === 'x' ? e.clientX : e.clientY, size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const delta = (axis === 'x' ? e.clientX : e.clientY) - start.current.pointer;
    onResize(clamp(start.current.size + direction * delta));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    start.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 40 : 10;
    const grow =
      axis === 'x'
        ? e.key === 'ArrowRight'
          ? 1
          : e.key === 'ArrowLeft'
            ? -1
            : 0
        : e.key === 'ArrowDown'
          ? 1
          : e.key === 'ArrowUp'
            ? -1
            : 0;
    if (!grow) return;
    e.preventDefault();
    onResize(clamp(size + direction * grow * step));
  };

  return (
    <div
      className={`fd-splitter fd-splitter-${axis}`}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-label={t('panel.resize')}
      title={t('panel.resize')}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
