/**
 * Inline SVG icons (no icon font, no remote files: the CSP allows neither): the shell's own
 * glyphs by name, and node types' icons from the strokes their editor half declares
 * (`NodeEditorInfo.icon`).
 */
import type { ReactElement, SVGProps } from 'react';
import type { IconShape } from '../../core/node-type.js';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function svg(children: ReactElement | ReactElement[], { size = 16, ...rest }: IconProps): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

const paths: Record<string, () => ReactElement[]> = {
  box: () => [<rect key="a" x="4" y="4" width="16" height="16" rx="3" />],
  // Toolbar and panels.
  new: () => [
    <path key="a" d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z" />,
    <path key="b" d="M14 3v5h5M12 11v6M9 14h6" />,
  ],
  open: () => [<path key="a" d="M3 7a1 1 0 0 1 1-1h5l2 2h8a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z" />],
  save: () => [
    <path key="a" d="M5 3h11l3 3v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" />,
    <path key="b" d="M8 3v5h7V3M8 21v-7h8v7" />,
  ],
  import: () => [<path key="a" d="M12 3v12M7 10l5 5 5-5" />, <path key="b" d="M5 13v7h14v-7" />],
  export: () => [<path key="a" d="M12 15V3M7 8l5-5 5 5" />, <path key="b" d="M5 13v7h14v-7" />],
  undo: () => [<path key="a" d="M9 14 4 9l5-5" />, <path key="b" d="M4 9h10a6 6 0 0 1 0 12h-3" />],
  redo: () => [<path key="a" d="m15 14 5-5-5-5" />, <path key="b" d="M20 9H10a6 6 0 0 0 0 12h3" />],
  layout: () => [
    <rect key="a" x="3" y="4" width="6" height="5" rx="1" />,
    <rect key="b" x="15" y="4" width="6" height="5" rx="1" />,
    <rect key="c" x="15" y="15" width="6" height="5" rx="1" />,
    <path key="d" d="M9 6.5h6M12 6.5v11h3" />,
  ],
  fit: () => [<path key="a" d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />],
  tests: () => [
    <path key="a" d="M9 3h6M10 3v6L4.5 19a1 1 0 0 0 .9 1.5h13.2a1 1 0 0 0 .9-1.5L14 9V3" />,
    <path key="b" d="M7 14h10" />,
  ],
  key: () => [<circle key="a" cx="8" cy="15" r="4" />, <path key="b" d="m11 12 9-9M17 6l3 3M15 8l2 2" />],
  language: () => [
    <path key="a" d="M4 5h8M8 3v2M6 5c0 4 2 7 6 9M10 5c0 3-2 7-6 9" />,
    <path key="b" d="m13 21 4-9 4 9M14.5 18h5" />,
  ],
  map: () => [<path key="a" d="M9 4 3 6v14l6-2 6 2 6-2V4l-6 2z" />, <path key="b" d="M9 4v14M15 6v14" />],
  chevron: () => [<path key="a" d="m6 9 6 6 6-6" />],
  error: () => [<circle key="a" cx="12" cy="12" r="9" />, <path key="b" d="M12 7v6M12 16.5v.5" />],
  warning: () => [<path key="a" d="M12 3 2 20h20z" />, <path key="b" d="M12 10v4M12 17v.5" />],
  check: () => [<path key="a" d="m5 12 5 5 9-10" />],
  branches: () => [<path key="a" d="M4 12h6M10 12l8-6M10 12l8 6" />, <path key="b" d="M15 5h3v3M15 19h3v-3" />],
  search: () => [<circle key="a" cx="11" cy="11" r="6.5" />, <path key="b" d="m20 20-4.2-4.2" />],
  close: () => [<path key="a" d="M6 6l12 12M18 6 6 18" />],
};

export function Icon({ name, ...props }: IconProps & { name: string }): ReactElement {
  return svg(paths[name]?.() ?? paths.box!(), props);
}

function shape(s: IconShape, key: number): ReactElement {
  if ('d' in s) return <path key={key} d={s.d} />;
  if ('circle' in s) return <circle key={key} cx={s.circle[0]} cy={s.circle[1]} r={s.circle[2]} />;
  const [x, y, width, height, rx] = s.rect;
  return <rect key={key} x={x} y={y} width={width} height={height} rx={rx} />;
}

/** A node type's icon; a type without one (unknown to this version) gets a neutral box. */
export function NodeIcon({ shapes, ...props }: IconProps & { shapes: readonly IconShape[] | undefined }): ReactElement {
  return shapes && shapes.length > 0 ? svg(shapes.map(shape), props) : svg(paths.box!(), props);
}
