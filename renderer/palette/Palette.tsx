/**
 * The node palette: every registered node type, grouped by category, searchable in both
 * languages. Drag an item onto the canvas, double-click it, or select it (a click or Tab) and
 * press Enter to add it near the middle of the view. A single click only selects: clicking to
 * read an item and then pressing Enter must add one node, not two. The trigger is disabled
 * once the flow has one.
 */
import { useMemo, useState, type CSSProperties, type DragEvent, type KeyboardEvent } from 'react';
import { isTrigger, type IconShape, type NodeCategory, type AnyNodeTypeManifest } from '../../core/node-type.js';
import { manifestFor } from '../../nodes/registry.js';
import { BUILT_IN_EDITOR_TYPES, type EditorNodeTypes } from '../../nodes/registry.editor.js';
import { Icon, NodeIcon } from '../app/icons.js';
import { pick, useLocale, useT } from '../i18n/index.js';
import { canvasBridge } from '../canvas/canvas-bridge.js';
import { NODE_DRAG_MIME } from '../canvas/FlowCanvas.js';
import { CATEGORY_COLORS } from '../canvas/FlowNodeView.js';
import { findTrigger } from '../state/flow-ops.js';
import { designerStore, useDesigner } from '../state/flow-store.js';

const CATEGORY_ORDER: readonly NodeCategory[] = ['trigger', 'integration', 'logic', 'ticketing'];

interface PaletteEntry {
  manifest: AnyNodeTypeManifest;
  title: string;
  description: string;
  icon: readonly IconShape[] | undefined;
  /** Category colour (frame) and the type's own colour (glyph). */
  color: string;
  glyphColor: string;
  /** All words the search matches, in both languages. */
  haystack: string;
}

function entries(locale: 'en' | 'ja', nodeTypes: EditorNodeTypes): PaletteEntry[] {
  return nodeTypes.manifests.map((manifest) => {
    const editor = nodeTypes.editorFor(manifest.type);
    const title = editor ? pick(editor.title, locale, manifest.title) : manifest.title;
    const description = editor ? pick(editor.description, locale) : '';
    const haystack = [
      manifest.type,
      manifest.title,
      editor?.title.en,
      editor?.title.ja,
      editor?.description.en,
      editor?.description.ja,
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    return {
      manifest,
      title,
      description,
      icon: editor?.icon,
      color: CATEGORY_COLORS[manifest.category] ?? '#5b6472',
      glyphColor: editor?.color ?? CATEGORY_COLORS[manifest.category] ?? '#5b6472',
      haystack,
    };
  });
}

/** Room a node takes on the canvas when looking for a free spot (a little more than its size). */
const SLOT = { width: 270, height: 150 };

/**
 * Adds a node from the keyboard (or a double-click): to the right of the one selected node, since
 * flows read left to right, otherwise near the middle of the view; always on the closest spot
 * no other node covers, so nodes never stack on top of each other.
 */
function addAtCenter(type: string): void {
  const state = designerStore.getState();
  const positions = state.flow.layout?.nodes ?? {};
  const selected = state.selection.length === 1 ? positions[state.selection[0]!] : undefined;
  const preferred = selected ? { x: selected.x + SLOT.width + 30, y: selected.y } : canvasBridge.viewportCenter();
  const taken = Object.values(positions);
  const free = (p: { x: number; y: number }) =>
    !taken.some((q) => Math.abs(q.x - p.x) < SLOT.width && Math.abs(q.y - p.y) < SLOT.height);
  const candidates: { x: number; y: number }[] = [];
  for (let i = -3; i <= 3; i++) {
    for (let j = -3; j <= 3; j++)
      candidates.push({ x: preferred.x + i * SLOT.width, y: preferred.y + j * SLOT.height });
  }
  // Prefer going right, then down, over going left or up.
  const cost = (p: { x: number; y: number }) =>
    Math.hypot((p.x - preferred.x) / 1.6, p.y - preferred.y) +
    (p.x < preferred.x ? 200 : 0) +
    (p.y < preferred.y ? 60 : 0);
  candidates.sort((a, b) => cost(a) - cost(b));
  state.addNode(type, candidates.find(free) ?? preferred);
}

/** The palette of node types; `nodeTypes` is the built-in set unless a test or a package adds some. */
export function Palette({
  nodeTypes = BUILT_IN_EDITOR_TYPES,
  onPasteCurl,
}: {
  nodeTypes?: EditorNodeTypes;
  /** Opens Edit › Paste cURL… (a Web Service node from a command in vendor docs). */
  onPasteCurl?: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  /** The item a click selected (focus shows it too, but only from the keyboard). */
  const [chosen, setChosen] = useState<string | undefined>();
  const trigger = useDesigner((s) => findTrigger(s.flow, manifestFor));

  const all = useMemo(() => entries(locale, nodeTypes), [locale, nodeTypes]);
  const q = query.trim().toLowerCase();
  const visible = q ? all.filter((e) => q.split(/\s+/).every((w) => e.haystack.includes(w))) : all;

  const onDragStart = (e: DragEvent, type: string) => {
    e.dataTransfer.setData(NODE_DRAG_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'copy';
  };

  const onKeyDown = (e: KeyboardEvent, type: string, disabled: boolean) => {
    if ((e.key === 'Enter' || e.key === ' ') && !disabled) {
      e.preventDefault();
      addAtCenter(type);
    }
  };

  return (
    <aside className="fd-palette" aria-label={t('palette.title')}>
      <div className="fd-panel-title">{t('palette.title')}</div>
      <label className="fd-search">
        <Icon name="search" size={14} />
        <input
          type="search"
          value={query}
          placeholder={t('palette.search')}
          aria-label={t('palette.search')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the first node that matches; ↓ moves to the list.
            const first = visible.find((v) => !(isTrigger(v.manifest) && trigger));
            if (e.key === 'Enter' && q && first) {
              e.preventDefault();
              addAtCenter(first.manifest.type);
            } else if (e.key === 'ArrowDown' && first) {
              e.preventDefault();
              document.querySelector<HTMLElement>(`[data-testid="palette-${first.manifest.type}"]`)?.focus();
            }
          }}
          data-testid="palette-search"
        />
      </label>
      <div className="fd-palette-groups">
        {CATEGORY_ORDER.map((category) => {
          const items = visible.filter((e) => e.manifest.category === category);
          if (!items.length) return null;
          return (
            <section key={category} className="fd-palette-group">
              <h3 className="fd-palette-group-title">{t(`category.${category}`)}</h3>
              <ul role="list">
                {items.map((e) => {
                  const disabled = isTrigger(e.manifest) && !!trigger;
                  const reason = disabled ? t('palette.triggerTaken', { name: trigger!.name }) : undefined;
                  return (
                    <li key={e.manifest.type}>
                      <div
                        role="button"
                        tabIndex={0}
                        className={`fd-palette-item${disabled ? ' is-disabled' : ''}${
                          chosen === e.manifest.type ? ' is-chosen' : ''
                        }`}
                        data-testid={`palette-${e.manifest.type}`}
                        draggable={!disabled}
                        aria-disabled={disabled}
                        aria-pressed={chosen === e.manifest.type}
                        title={reason ?? e.description}
                        style={{ '--node-color': e.color, '--glyph-color': e.glyphColor } as CSSProperties}
                        onDragStart={(ev) => onDragStart(ev, e.manifest.type)}
                        onClick={() => setChosen(e.manifest.type)}
                        onDoubleClick={() => !disabled && addAtCenter(e.manifest.type)}
                        onFocus={() => setChosen(e.manifest.type)}
                        onBlur={() => setChosen((c) => (c === e.manifest.type ? undefined : c))}
                        onKeyDown={(ev) => onKeyDown(ev, e.manifest.type, disabled)}
                      >
                        <span className="fd-palette-icon">
                          <NodeIcon shapes={e.icon} size={16} />
                        </span>
                        <span className="fd-palette-text">
                          <span className="fd-palette-name">{e.title}</span>
                          <span className="fd-palette-desc">{reason ?? e.description}</span>
                        </span>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
        {visible.length === 0 && <p className="fd-muted fd-pad">{t('palette.noMatch', { query })}</p>}
      </div>
      {onPasteCurl && (
        <button
          type="button"
          className="fd-btn fd-btn-small fd-palette-curl"
          title={t('palette.pasteCurl.tip')}
          onClick={onPasteCurl}
        >
          {t('palette.pasteCurl')}
        </button>
      )}
      <p className="fd-palette-hint">{t('palette.hint')}</p>
    </aside>
  );
}
