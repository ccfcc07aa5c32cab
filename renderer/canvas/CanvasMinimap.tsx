/**
 * The overview map in the canvas's corner: every node as a coloured box, the part of the flow
 * in view left clear under a veil. Drag in it to pan the canvas, turn the wheel over it to zoom.
 *
 * Drawn on a <canvas> instead of xyflow's SVG <MiniMap>. The map fits the flow and the view
 * together, so while the whole flow is in view every frame of a pan changes its scale: the SVG
 * map then laid its 500 boxes out again, and the new shapes made Chromium lay the whole page
 * out into compositor layers again on every frame (`PaintArtifactCompositor::Update`, the
 * largest cost left in panning the 500-node benchmark). A canvas redrawn in place is only
 * new pixels in the same box; its redraw follows the store without a React render.
 */
import { useCallback, useEffect, useRef, type PointerEvent, type WheelEvent } from 'react';
import { Panel, useReactFlow, useStoreApi, type InternalNode, type ReactFlowState } from '@xyflow/react';
import type { FlowRfNode } from './FlowNodeView.js';
import { minimapFrame, type MapFrame, type Rect } from './minimap-frame.js';

const WIDTH = 168;
const HEIGHT = 112;
/** Same veil and frame as xyflow's own map (its CSS defaults), so the map looks unchanged. */
const BACKGROUND = '#fff';
const VEIL = 'rgba(240, 240, 240, 0.6)';
/** Wheel notches to zoom steps: xyflow's map uses the same factor. */
const WHEEL_ZOOM = 0.002;

export function CanvasMinimap(props: { nodeColor: (node: FlowRfNode) => string; label: string }) {
  const store = useStoreApi<FlowRfNode>();
  const rf = useReactFlow<FlowRfNode>();
  const canvas = useRef<HTMLCanvasElement>(null);
  // The frame last drawn: pointer drags turn map pixels into flow units with its scale.
  const frame = useRef<MapFrame | null>(null);
  const { nodeColor } = props;

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(WIDTH * ratio);
    element.height = Math.round(HEIGHT * ratio);
    let drawn: Pick<ReactFlowState<FlowRfNode>, 'transform' | 'nodes' | 'nodeLookup' | 'width' | 'height'> | null =
      null;
    let pending = 0;
    const draw = () => {
      pending = 0;
      const s = store.getState();
      drawn = s;
      frame.current = drawMap(context, ratio, s.nodeLookup, viewOf(s), nodeColor);
    };
    const unsubscribe = store.subscribe((s) => {
      const changed =
        !drawn ||
        s.transform !== drawn.transform ||
        // A moved or measured node is a new `nodes` array; `nodeLookup` is updated in place.
        s.nodes !== drawn.nodes ||
        s.nodeLookup !== drawn.nodeLookup ||
        s.width !== drawn.width ||
        s.height !== drawn.height;
      // One redraw per frame, however many store updates the frame brings.
      if (changed && !pending) pending = requestAnimationFrame(draw);
    });
    draw();
    return () => {
      unsubscribe();
      if (pending) cancelAnimationFrame(pending);
    };
  }, [store, nodeColor]);

  // Dragging in the map moves the view the same way (the veil's hole follows the pointer).
  const last = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = useCallback((e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    last.current = { x: e.clientX, y: e.clientY };
  }, []);
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLCanvasElement>) => {
      const from = last.current;
      const scale = frame.current?.scale;
      if (!from || !scale) return;
      last.current = { x: e.clientX, y: e.clientY };
      const { x, y, zoom } = rf.getViewport();
      void rf.setViewport({
        x: x - ((e.clientX - from.x) / scale) * zoom,
        y: y - ((e.clientY - from.y) / scale) * zoom,
        zoom,
      });
    },
    [rf],
  );
  const onPointerUp = useCallback(() => {
    last.current = null;
  }, []);
  const onWheel = useCallback(
    (e: WheelEvent<HTMLCanvasElement>) => {
      const step = e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : WHEEL_ZOOM;
      void rf.zoomTo(rf.getZoom() * Math.pow(2, -e.deltaY * step));
    },
    [rf],
  );

  return (
    <Panel position="bottom-right" className="react-flow__minimap fd-minimap" data-testid="minimap">
      <canvas
        ref={canvas}
        role="img"
        aria-label={props.label}
        style={{ width: WIDTH, height: HEIGHT, display: 'block', touchAction: 'none' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onWheel={onWheel}
      />
    </Panel>
  );
}

/** The part of the flow in view, in flow coordinates. */
function viewOf(s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): Rect {
  const [tx, ty, zoom] = s.transform;
  return { x: -tx / zoom, y: -ty / zoom, width: s.width / zoom, height: s.height / zoom };
}

function drawMap(
  context: CanvasRenderingContext2D,
  ratio: number,
  nodes: ReadonlyMap<string, InternalNode<FlowRfNode>>,
  view: Rect,
  nodeColor: (node: FlowRfNode) => string,
): MapFrame {
  const boxes: (Rect & { node: FlowRfNode })[] = [];
  for (const n of nodes.values()) {
    const width = n.measured.width ?? n.width ?? 0;
    const height = n.measured.height ?? n.height ?? 0;
    if (n.hidden || !width || !height) continue;
    boxes.push({ ...n.internals.positionAbsolute, width, height, node: n.internals.userNode });
  }
  const frame = minimapFrame(boxes, view, { width: WIDTH, height: HEIGHT });
  const toMap = (r: Rect): Rect => ({
    x: (r.x - frame.origin.x) * frame.scale,
    y: (r.y - frame.origin.y) * frame.scale,
    width: r.width * frame.scale,
    height: r.height * frame.scale,
  });
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, WIDTH, HEIGHT);
  // One path per colour: a few fills for 500 boxes. At map scale a node is a few pixels
  // wide, so its rounded corners would not show.
  const byColor = new Map<string, Path2D>();
  for (const box of boxes) {
    const r = toMap(box);
    const color = nodeColor(box.node);
    let path = byColor.get(color);
    if (!path) byColor.set(color, (path = new Path2D()));
    path.rect(r.x, r.y, r.width, r.height);
  }
  for (const [color, path] of byColor) {
    context.fillStyle = color;
    context.fill(path);
  }
  // The veil over everything but the view.
  const v = toMap(view);
  context.fillStyle = VEIL;
  context.beginPath();
  context.rect(0, 0, WIDTH, HEIGHT);
  context.rect(v.x, v.y, v.width, v.height);
  context.fill('evenodd');
  return frame;
}
