/**
 * The one custom node of the canvas: icon, type title, node name, a config summary, problems
 * badge, run-trace mark, an input handle (not on triggers) and a labelled handle per output
 * port. Its `data` is plain JSON (see `FlowNodeData`); nothing in it is a callback.
 */
import { isTrigger, portsOf } from '../../core/node-type.js';
import { memo, useEffect, useRef, type CSSProperties } from 'react';
import { Handle, Position, useUpdateNodeInternals, type Node, type NodeProps } from '@xyflow/react';
import { manifestFor } from '../../nodes/registry.js';
import { editorFor } from '../../nodes/registry.editor.js';
import { Icon, NodeIcon } from '../app/icons.js';
import { itemNumber, pick, useLocale, useT } from '../i18n/index.js';
import { nodeSummary } from './node-summary.js';
import { portLabel } from './port-label.js';

export interface NodeTraceMark {
  status: 'ok' | 'failed';
  port?: string;
  /** Every port taken, when the node took several (a Switch matching all outputs). */
  ports?: readonly string[];
  ms: number;
  error?: string;
  /** Inside a loop's body: the index of the item whose run is shown. */
  item?: number;
  /** On a loop: how many items ran, and how many of them failed. */
  items?: { count: number; failed: number };
}

export type FlowNodeData = {
  name: string;
  /** The admin's words for the node, shown above its name when set. */
  label?: string;
  nodeType: string;
  config: Record<string, unknown>;
  /** Problem messages found by validation, for the badge's tooltip. */
  issues: string[];
  hasError: boolean;
  trace?: NodeTraceMark;
  /** Outputs wired to several steps (all of which run), with how many. */
  fanOut?: Record<string, number>;
};

export type FlowRfNode = Node<FlowNodeData, 'flowNode'>;

export const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#7c4dbd',
  integration: '#2f6fdd',
  logic: '#d08a12',
  ticketing: '#1f9a6a',
};

/** True when the run took `port` of the node this mark belongs to. */
export function tookPort(mark: NodeTraceMark | undefined, port: string): boolean {
  return mark?.ports ? mark.ports.includes(port) : mark?.port === port;
}

function FlowNodeViewImpl({ id, data, selected }: NodeProps<FlowRfNode>) {
  const locale = useLocale();
  const t = useT();
  const manifest = manifestFor(data.nodeType);
  const editor = editorFor(data.nodeType);
  // The frame shows the category (trigger, integration, logic, ticketing); the glyph the type.
  const color = CATEGORY_COLORS[manifest?.category ?? ''] ?? '#5b6472';
  const glyphColor = editor?.color ?? color;
  const title = editor ? pick(editor.title, locale, data.nodeType) : (manifest?.title ?? data.nodeType);
  const summary = nodeSummary({ type: data.nodeType, config: data.config }, locale);
  const ports = portsOf(manifest, data.config);
  // Ports that follow the config (a Switch's outputs) come and go: React Flow must measure the
  // handles again, or a new port cannot be wired until the node happens to be re-measured.
  // Only on a change: React Flow measures a new node itself, and asking again for each of the
  // 500 nodes of a flow being opened made opening it quadratic (seconds instead of a frame).
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = ports.join('\u0000');
  const measuredPorts = useRef(portKey);
  useEffect(() => {
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);
  const classes = ['fd-node', `fd-cat-${manifest?.category ?? 'unknown'}`];
  if (selected) classes.push('is-selected');
  if (data.issues.length) classes.push(data.hasError ? 'has-error' : 'has-warning');
  if (data.trace) classes.push(data.trace.status === 'ok' ? 'trace-ok' : 'trace-failed');

  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${data.name}`}
      style={{ '--node-color': color, '--glyph-color': glyphColor } as CSSProperties}
    >
      {!isTrigger(manifest) && (
        <Handle
          type="target"
          position={Position.Left}
          id="in"
          className="fd-handle fd-handle-in"
          data-testid={`handle-${data.name}-in`}
          title={t('node.in')}
        />
      )}
      <div className="fd-node-head">
        <span className="fd-node-glyph">
          <NodeIcon shapes={editor?.icon} size={15} />
        </span>
        <span className="fd-node-type">{title}</span>
        {data.issues.length > 0 && (
          <span
            className={`fd-node-badge ${data.hasError ? 'is-error' : 'is-warning'}`}
            data-testid={`node-error-${data.name}`}
            title={data.issues.join('\n')}
            role="img"
            aria-label={t('node.errors', { count: data.issues.length })}
          >
            <Icon name={data.hasError ? 'error' : 'warning'} size={12} />
            {data.issues.length}
            <span className="fd-tooltip" role="tooltip">
              {data.issues.map((m, i) => (
                <span key={i} className="fd-tooltip-line">
                  {m}
                </span>
              ))}
            </span>
          </span>
        )}
      </div>
      <div className="fd-node-body">
        {data.label && (
          <div className="fd-node-label" title={data.label} data-testid={`node-label-${data.name}`}>
            {data.label}
          </div>
        )}
        <div className={`fd-node-name${data.label ? ' is-secondary' : ''}`}>{data.name}</div>
        <div className={`fd-node-summary${summary ? '' : ' is-empty'}`} title={summary}>
          {summary || t('node.noConfig')}
        </div>
        {data.trace && (
          <div className={`fd-node-trace is-${data.trace.status}`} title={data.trace.error}>
            <Icon name={data.trace.status === 'ok' ? 'check' : 'error'} size={12} />
            {data.trace.status === 'ok'
              ? data.trace.item !== undefined
                ? t('node.ranItem', { ms: data.trace.ms, n: itemNumber(data.trace.item) })
                : data.trace.items !== undefined
                  ? t('node.ranItems', { ms: data.trace.ms, ...data.trace.items })
                  : t('node.ran', { ms: data.trace.ms })
              : t('node.failed', { message: data.trace.error ?? '' })}
          </div>
        )}
      </div>
      {ports.length > 0 && (
        <div className="fd-node-ports">
          {ports.map((port) => {
            const taken = tookPort(data.trace, port);
            const fan = data.fanOut?.[port];
            const words = portLabel(data.nodeType, port, locale);
            return (
              <div
                key={port}
                className={`fd-port fd-port-${port}${taken ? ' is-taken' : ''}${fan ? ' is-fanout' : ''}`}
              >
                {fan !== undefined && (
                  <span
                    className="fd-port-fanout"
                    data-testid={`fanout-${data.name}-${port}`}
                    title={t('node.fanOut', { port: words, count: fan })}
                  >
                    <Icon name="branches" size={11} />
                    {fan}
                  </span>
                )}
                <span className="fd-port-label">{words}</span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={port}
                  className={`fd-handle fd-handle-out fd-handle-${port}`}
                  data-testid={`handle-${data.name}-${port}`}
                  title={words}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewImpl);
