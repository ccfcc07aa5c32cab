/**
 * The canvas: draws the store's flow with @xyflow/react and turns gestures into store actions.
 * The store stays the source of truth; xyflow's node list is a local copy that also holds what
 * only the canvas cares about (measured sizes, positions while a drag is in flight).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type PointerEvent } from 'react';
import {
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
  type Viewport,
} from '@xyflow/react';
import { portsOf } from '../../core/node-type.js';
import type { FlowFile } from '../../core/flow.js';
import type { FlowIssue } from '../../core/validation-types.js';
import { manifestFor } from '../../nodes/registry.js';
import { Icon } from '../app/icons.js';
import { useLocale, useT } from '../i18n/index.js';
import { issueText } from '../i18n/issue-text.js';
import { translate, type Locale } from '../i18n/translate.js';
import { checkConnect, edgeKey } from '../state/flow-ops.js';
import { designerStore, refusalText, useDesigner } from '../state/flow-store.js';
import { DEFAULT_NODE_SIZE } from './auto-layout.js';
import { canvasBridge } from './canvas-bridge.js';
import { CanvasDots } from './CanvasDots.js';
import { CanvasMinimap } from './CanvasMinimap.js';
import { holdTransformAnimating } from './compositor-pan.js';
import { freshScale, layerAtRest, needsFreshDrawing, scaleAtRest, type DrawnScale } from './layer-scale.js';
import { fanOutOf, fanOuts, nodeFanOuts } from './fan-out.js';
import { freeSpot } from './free-spot.js';
import { LoopFrames } from './LoopFrames.js';
import { portLabel } from './port-label.js';
import { loopFrames } from './loop-frames.js';
import { traceMarks } from './trace-marks.js';
import { loopBodies } from '../state/loop-bodies.js';
import {
  CATEGORY_COLORS,
  FlowNodeView,
  tookPort,
  type FlowNodeData,
  type FlowRfNode,
  type NodeTraceMark,
} from './FlowNodeView.js';

/** MIME type of a palette drag; the payload is the node type id. */
export const NODE_DRAG_MIME = 'application/flowdesk-node';

// Registered once at module scope: a new object per render would remount every node.
const nodeTypes: NodeTypes = { flowNode: FlowNodeView };

/** From this many nodes on, the canvas trades polish for frame time. */
const LARGE_FLOW = 150;

function viewportOf(canvas: HTMLElement | null): HTMLElement | null {
  return canvas?.querySelector<HTMLElement>('.react-flow__viewport') ?? null;
}

/** Half the node's usual size: a dropped node is centred on the pointer. */
const DROP_OFFSET = { x: 120, y: 40 };

function issuesByNode(issues: readonly FlowIssue[]): Map<string, FlowIssue[]> {
  const map = new Map<string, FlowIssue[]>();
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    const list = map.get(issue.nodeId);
    if (list) list.push(issue);
    else map.set(issue.nodeId, [issue]);
  }
  return map;
}

function sameData(a: FlowNodeData, b: FlowNodeData): boolean {
  return (
    a.name === b.name &&
    a.label === b.label &&
    a.nodeType === b.nodeType &&
    a.config === b.config &&
    a.hasError === b.hasError &&
    JSON.stringify(a.fanOut) === JSON.stringify(b.fanOut) &&
    a.issues.length === b.issues.length &&
    a.issues.every((m, i) => m === b.issues[i]) &&
    JSON.stringify(a.trace) === JSON.stringify(b.trace)
  );
}

/** Builds xyflow's nodes from the flow, reusing what is unchanged so memoised nodes skip rendering. */
function deriveNodes(
  flow: FlowFile,
  selection: ReadonlySet<string>,
  issues: Map<string, FlowIssue[]>,
  marks: Map<string, NodeTraceMark>,
  previous: readonly FlowRfNode[],
  fans: ReadonlyMap<string, number>,
  locale: Locale,
): FlowRfNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  return flow.nodes.map((node, i) => {
    const old = prev.get(node.id);
    const nodeIssues = issues.get(node.id) ?? [];
    const trace = marks.get(node.id);
    const fanOut = nodeFanOuts(fans, node.id, manifestFor(node.type)?.ports ?? []);
    const data: FlowNodeData = {
      name: node.name,
      ...(node.label ? { label: node.label } : {}),
      nodeType: node.type,
      config: node.config,
      issues: nodeIssues.map((x) => issueText(x, locale)),
      hasError: nodeIssues.some((x) => x.severity === 'error'),
      ...(trace ? { trace } : {}),
      ...(fanOut ? { fanOut } : {}),
    };
    // A node being dragged keeps the position xyflow gave it until the drop commits it.
    const position = old?.dragging ? old.position : (flow.layout?.nodes[node.id] ?? { x: 80 + i * 40, y: 80 + i * 40 });
    const selected = selection.has(node.id);
    if (
      old &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      !!old.selected === selected &&
      sameData(old.data, data)
    ) {
      return old;
    }
    return {
      ...(old ?? {}),
      id: node.id,
      type: 'flowNode',
      position,
      selected,
      data: old && sameData(old.data, data) ? old.data : data,
    };
  });
}

export function FlowCanvas({ showMinimap }: { showMinimap: boolean }) {
  const t = useT();
  // xyflow's own controls (zoom buttons, minimap, keyboard help) in the UI language.
  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
      'node.a11yDescription.default': t('canvas.nodeHelp'),
      'edge.a11yDescription.default': t('canvas.edgeHelp'),
    }),
    [t],
  );
  const locale = useLocale();
  const flow = useDesigner((s) => s.flow);
  const documentGeneration = useDesigner((s) => s.documentGeneration);
  const selection = useDesigner((s) => s.selection);
  const selectedEdges = useDesigner((s) => s.selectedEdges);
  const issues = useDesigner((s) => s.issues);
  const lastTrace = useDesigner((s) => s.lastTrace);
  const openIteration = useDesigner((s) => s.openIteration);
  const rf = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  // Fit the view to a flow the window opens with. Not to an empty canvas: xyflow would wait
  // for the first nodes and re-centre the first node dropped, away from where it was dropped.
  const fitOnInit = useRef(flow.nodes.length > 0).current;

  const issueMap = useMemo(() => issuesByNode(issues), [issues]);
  const traced = useMemo(() => traceMarks(lastTrace, openIteration), [lastTrace, openIteration]);
  const marks = traced.nodes;
  const selectionSet = useMemo(() => new Set(selection), [selection]);

  const fans = useMemo(() => fanOuts(flow), [flow]);

  const [nodes, setNodes] = useState<FlowRfNode[]>(() =>
    deriveNodes(flow, selectionSet, issueMap, marks, [], fanOuts(flow), locale),
  );
  useEffect(() => {
    setNodes((prev) => deriveNodes(flow, selectionSet, issueMap, marks, prev, fans, locale));
  }, [flow, selectionSet, issueMap, marks, fans, locale]);

  // Loop bodies follow the wiring; their frames follow the nodes as drawn (drags included).
  const bodies = useMemo(() => loopBodies(flow), [flow.nodes, flow.edges]);
  const frames = useMemo(() => loopFrames(nodes, bodies, DEFAULT_NODE_SIZE), [nodes, bodies]);
  const loopNames = useMemo(
    () => new Map(flow.nodes.filter((n) => bodies.has(n.id)).map((n) => [n.id, n.label || n.name])),
    [flow.nodes, bodies],
  );

  const edges = useMemo<Edge[]>(() => {
    const byId = new Map(flow.nodes.map((n) => [n.id, n]));
    const edgeSel = new Set(selectedEdges);
    return flow.edges.map((e) => {
      const key = edgeKey(e);
      const source = byId.get(e.from);
      const sourceType = source?.type ?? '';
      const multi = portsOf(manifestFor(sourceType), source?.config).length > 1;
      const fromMark = marks.get(e.from);
      const taken = !!fromMark && tookPort(fromMark, e.port) && marks.has(e.to);
      const classes = ['fd-edge', `fd-edge-${e.port}`];
      if (taken) classes.push('is-taken');
      // One of several branches leaving the same output: all of them run.
      const fan = fanOutOf(fans, e.from, e.port);
      if (fan > 1) classes.push('is-fanout');
      const portWords = portLabel(sourceType, e.port, locale);
      return {
        id: key,
        source: e.from,
        sourceHandle: e.port,
        target: e.to,
        targetHandle: 'in',
        selected: edgeSel.has(key),
        className: classes.join(' '),
        animated: taken,
        ...(fan > 1
          ? { label: translate(locale, 'edge.fanOut', { port: portWords, count: fan }) }
          : multi
            ? { label: portWords }
            : {}),
        labelBgPadding: [6, 3] as [number, number],
        labelBgBorderRadius: 4,
        data: { port: e.port },
      };
    });
  }, [flow, selectedEdges, marks, locale, fans]);

  const onNodesChange = useCallback((changes: NodeChange<FlowRfNode>[]) => {
    setNodes((nds) => applyNodeChanges(changes, nds));
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) {
      const state = designerStore.getState();
      const next = new Set(state.selection);
      for (const c of selects) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      // Keep the flow's order so the selection is stable for copy/paste.
      const ordered = state.flow.nodes.map((n) => n.id).filter((id) => next.has(id));
      state.select(ordered, state.selectedEdges);
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const state = designerStore.getState();
    const next = new Set(state.selectedEdges);
    for (const c of selects) {
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    state.select(state.selection, [...next]);
  }, []);

  const onNodeDragStop = useCallback((_e: unknown, _node: FlowRfNode, dragged: FlowRfNode[]) => {
    designerStore.getState().moveNodes(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
  }, []);

  const onSelectionDragStop = useCallback((_e: unknown, dragged: FlowRfNode[]) => {
    designerStore.getState().moveNodes(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const state = designerStore.getState();
    if (!c.sourceHandle) return;
    const result = state.connect(c.source, c.sourceHandle, c.target);
    if (!result.ok) {
      state.setStatus({
        kind: 'error',
        say: (w) => w.t('status.connectRefused', { reason: refusalText(w.locale, result.refusal) }),
        topic: { kind: 'connect' },
      });
      return;
    }
    // A second branch from one output: say, as it is drawn, that every branch will run.
    const after = designerStore.getState();
    const count = fanOutOf(fanOuts(after.flow), c.source, c.sourceHandle);
    if (count > 1) {
      const from = after.flow.nodes.find((n) => n.id === c.source);
      const port = c.sourceHandle;
      after.setStatus({
        kind: 'info',
        say: (w) =>
          w.t('status.branchesRun', {
            node: from?.label || from?.name || c.source,
            port: portLabel(from?.type ?? '', port, w.locale),
            count,
          }),
      });
    }
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => {
    const state = designerStore.getState();
    return !checkConnect(state.flow, c.source, c.sourceHandle ?? '', c.target, manifestFor);
  }, []);

  /** A connection dropped on a node that refused it: say why, in the status area. */
  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, conn: FinalConnectionState) => {
    if (conn.isValid || !conn.fromNode || !conn.toNode) return;
    const state = designerStore.getState();
    const from = conn.fromHandle?.type === 'target' ? conn.toNode : conn.fromNode;
    const to = conn.fromHandle?.type === 'target' ? conn.fromNode : conn.toNode;
    const port = (conn.fromHandle?.type === 'target' ? conn.toHandle?.id : conn.fromHandle?.id) ?? '';
    const refusal = checkConnect(state.flow, from.id, port, to.id, manifestFor);
    if (refusal) {
      state.setStatus({
        kind: 'error',
        say: (w) => w.t('status.connectRefused', { reason: refusalText(w.locale, refusal) }),
        topic: { kind: 'connect' },
      });
    }
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(NODE_DRAG_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  /** The spot for a new node: the one wanted, or the nearest that covers no other node. */
  const clearOfOthers = useCallback(
    (wanted: { x: number; y: number }) =>
      freeSpot(
        wanted,
        DEFAULT_NODE_SIZE,
        rf.getNodes().map((n) => ({
          ...n.position,
          width: n.measured?.width ?? DEFAULT_NODE_SIZE.width,
          height: n.measured?.height ?? DEFAULT_NODE_SIZE.height,
        })),
      ),
    [rf],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(NODE_DRAG_MIME);
      if (!type) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      designerStore.getState().addNode(type, clearOfOthers({ x: p.x - DROP_OFFSET.x, y: p.y - DROP_OFFSET.y }));
    },
    [rf, clearOfOthers],
  );

  const onPaneClick = useCallback(() => {
    designerStore.getState().select([], []);
  }, []);

  // What the toolbar, palette and menu ask of the canvas.
  useEffect(() => {
    canvasBridge.fit = () => void rf.fitView({ padding: 0.2, duration: 200, maxZoom: 1.2 });
    canvasBridge.zoomIn = () => void rf.zoomIn({ duration: 150 });
    canvasBridge.zoomOut = () => void rf.zoomOut({ duration: 150 });
    canvasBridge.viewportCenter = () => {
      const rect = wrapper.current?.getBoundingClientRect();
      if (!rect) return { x: 100, y: 100 };
      const p = rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      return clearOfOthers({ x: p.x - DROP_OFFSET.x, y: p.y - DROP_OFFSET.y });
    };
  }, [rf, clearOfOthers]);

  // Big flows (the 500-node benchmark) skip costly shadows. Every node stays mounted, even off
  // screen: mounting and unmounting the nodes a pan brings in and out of view (xyflow's
  // onlyRenderVisibleElements) re-measured each one and repainted the canvas on most frames.
  const large = flow.nodes.length > LARGE_FLOW;

  // A large flow's viewport is its own compositor layer (canvas.css): made one only when a pan
  // began, Chromium rasterised the whole flow into it in that first frame (80-300 ms on the
  // 500-node benchmark). While the view moves, a no-op animation keeps Chromium from laying the
  // page out again on each frame (compositor-pan.ts). When the view rests, the layer follows the
  // zoom (layer-scale.ts): drawn afresh, or let go of, where Chromium would otherwise draw far
  // more pixels than the screen shows. All set on the element: moving re-renders nothing.
  const releaseViewport = useRef<(() => void) | null>(null);
  const drawnScale = useRef<DrawnScale>(undefined);
  const freshDrawing = useRef<number | null>(null);
  const stopFreshDrawing = useCallback(() => {
    if (freshDrawing.current === null) return;
    cancelAnimationFrame(freshDrawing.current);
    freshDrawing.current = null;
    viewportOf(wrapper.current)?.style.removeProperty('will-change');
    // Made a layer again mid-move: at a scale not known.
    drawnScale.current = undefined;
  }, []);
  // Another flow (New, Open): its layer was drawn at whatever scale the view had when it appeared.
  useEffect(() => {
    stopFreshDrawing();
    drawnScale.current = undefined;
  }, [documentGeneration, large, stopFreshDrawing]);
  const onMoveStart = useCallback(() => {
    stopFreshDrawing();
    const viewport = viewportOf(wrapper.current);
    if (!viewport || releaseViewport.current) return;
    releaseViewport.current = holdTransformAnimating(viewport);
  }, [stopFreshDrawing]);
  // Into the band where the flow is no layer (layer-scale.ts), mid-move: let go of the layer at
  // once, the no-op animation too, before Chromium draws the flow at scale 1 for that zoom.
  const onMove = useCallback(
    (_event: unknown, { zoom }: Viewport) => {
      if (!large || layerAtRest(zoom)) return;
      const viewport = viewportOf(wrapper.current);
      if (!viewport || viewport.style.willChange === 'auto') return;
      stopFreshDrawing();
      releaseViewport.current?.();
      releaseViewport.current = null;
      viewport.style.willChange = 'auto';
      drawnScale.current = undefined;
    },
    [large, stopFreshDrawing],
  );
  const onMoveEnd = useCallback(
    (_event: unknown, { zoom }: Viewport) => {
      releaseViewport.current?.();
      releaseViewport.current = null;
      const viewport = viewportOf(wrapper.current);
      if (!large || !viewport || freshDrawing.current !== null) return;
      if (!layerAtRest(zoom)) {
        viewport.style.willChange = 'auto';
        drawnScale.current = undefined;
      } else if (viewport.style.willChange !== 'auto' && !needsFreshDrawing(drawnScale.current, zoom)) {
        drawnScale.current = scaleAtRest(drawnScale.current, zoom);
      } else {
        // Not a layer for a frame (it may have been one only for the move's animation), then
        // one again, drawn at the scale the view rests at.
        viewport.style.willChange = 'auto';
        freshDrawing.current = requestAnimationFrame(() => {
          freshDrawing.current = requestAnimationFrame(() => {
            freshDrawing.current = null;
            viewport.style.removeProperty('will-change');
            drawnScale.current = freshScale(zoom);
          });
        });
      }
    },
    [large],
  );
  useEffect(
    () => () => {
      releaseViewport.current?.();
      if (freshDrawing.current !== null) cancelAnimationFrame(freshDrawing.current);
    },
    [],
  );

  // A drag on the empty pane pans the view. Capturing the pointer sends the drag's moves straight
  // to the pane: without it Chromium hit-tests every node and edge under the pointer on each
  // move to find the element hovered (up to 30 ms a move with 500 nodes drawn, no GPU).
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    if (e.button === 0 && target.classList.contains('react-flow__pane')) target.setPointerCapture(e.pointerId);
  }, []);

  const minimapColor = useCallback((n: FlowRfNode) => {
    return CATEGORY_COLORS[manifestFor(n.data.nodeType)?.category ?? ''] ?? '#8a93a0';
  }, []);

  return (
    <div
      className={`fd-canvas${large ? ' is-large' : ''}`}
      ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerDown={onPointerDown}
      aria-label={t('canvas.label')}
    >
      <ReactFlow<FlowRfNode, Edge>
        ariaLabelConfig={ariaLabels}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStop={onSelectionDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        onMove={onMove}
        onMoveEnd={onMoveEnd}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        minZoom={0.1}
        maxZoom={2}
        fitView={fitOnInit}
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ interactionWidth: 16 }}
        connectionRadius={28}
      >
        <CanvasDots />
        <LoopFrames frames={frames} names={loopNames} runs={traced.loops} />
        <Controls showInteractive={false} position="bottom-left" />
        {showMinimap && flow.nodes.length > 0 && <CanvasMinimap nodeColor={minimapColor} label={t('canvas.minimap')} />}
      </ReactFlow>
      {flow.nodes.length === 0 && (
        <div className="fd-canvas-empty" aria-live="polite">
          <div className="fd-canvas-empty-icon">
            <Icon name="webhook" size={28} />
          </div>
          <div className="fd-canvas-empty-title">{t('canvas.empty.title')}</div>
          <div className="fd-canvas-empty-body">{t('canvas.empty.body')}</div>
        </div>
      )}
    </div>
  );
}

/** Measured node sizes for the auto-layout, from xyflow's own measurements. */
export function useNodeSizes(): () => Record<string, { width: number; height: number }> {
  const rf = useReactFlow();
  return useCallback(() => {
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const n of rf.getNodes()) {
      if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
    }
    return sizes;
  }, [rf]);
}
