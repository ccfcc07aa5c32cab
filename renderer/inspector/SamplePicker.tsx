/**
 * "Pick from sample…": the sample payload and recorded responses as a tree beside a path
 * field. A click (or Enter) on a value hands its path to the field; typing stays the expert
 * way. Keyboard follows the WAI-ARIA tree pattern: one tab stop, arrows move, Right/Left
 * open/close, Home/End, Enter/Space pick a value or open a branch, Escape closes.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { sampleTree, type SampleRoot, type SampleTreeItem } from './sample-tree.js';

export interface SamplePickerProps {
  /** The field the picker serves; ids of the panel derive from it. */
  fieldId: string;
  roots: readonly SampleRoot[];
  onPick: (path: string) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
  /** Enter or a click on a row holding a list picks the list (→ still opens it). */
  pickLists?: boolean;
}

interface Row {
  item: SampleTreeItem;
  level: number;
  parent?: string;
}

/** The rows a person sees: children of open branches only, in document order. */
function visibleRows(trees: readonly SampleTreeItem[], open: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const walk = (items: readonly SampleTreeItem[], level: number, parent?: string) => {
    for (const item of items) {
      rows.push({ item, level, ...(parent ? { parent } : {}) });
      if (item.children && open.has(item.id)) walk(item.children, level + 1, item.id);
    }
  };
  walk(trees, 1);
  return rows;
}

export function SamplePicker({ fieldId, roots, onPick, t, pickLists }: SamplePickerProps) {
  const [shown, setShown] = useState(false);
  const trees = useMemo(() => roots.map((root) => sampleTree(root)), [roots]);
  // The roots start open: their keys are what the admin came for.
  const [open, setOpen] = useState<Set<string>>(() => new Set(trees.map((tree) => tree.id)));
  const [focused, setFocused] = useState<string | undefined>(undefined);
  const button = useRef<HTMLButtonElement>(null);
  const tree = useRef<HTMLUListElement>(null);
  const rows = useMemo(() => visibleRows(trees, open), [trees, open]);
  const current = rows.find((r) => r.item.id === focused) ?? rows[0];
  const panelId = `${fieldId}__sample`;

  // Set by the keyboard: the row to focus once React has made it the tab stop. A key event
  // renders synchronously, so the focus has moved before the next key arrives.
  const moveFocus = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const id = moveFocus.current;
    if (id === undefined) return;
    moveFocus.current = undefined;
    tree.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus();
  });

  function focusRow(id: string | undefined): void {
    if (id === undefined) return;
    moveFocus.current = id;
    setFocused(id);
  }

  function toggle(id: string, to?: boolean): void {
    setOpen((prev) => {
      const next = new Set(prev);
      if (to ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function pick(item: SampleTreeItem): void {
    if (item.path === undefined) return;
    onPick(item.path);
    setShown(false);
  }

  function activate(row: Row): void {
    if (pickLists && row.item.list && row.item.path !== undefined) pick(row.item);
    else if (row.item.children) toggle(row.item.id);
    else pick(row.item);
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    if (!current) return;
    const index = rows.indexOf(current);
    const { item } = current;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          focusRow(rows[Math.min(index + 1, rows.length - 1)]?.item.id);
          return true;
        case 'ArrowUp':
          focusRow(rows[Math.max(index - 1, 0)]?.item.id);
          return true;
        case 'Home':
          focusRow(rows[0]?.item.id);
          return true;
        case 'End':
          focusRow(rows[rows.length - 1]?.item.id);
          return true;
        case 'ArrowRight':
          if (item.children && !open.has(item.id)) toggle(item.id, true);
          else if (item.children) focusRow(item.children[0]?.id);
          return true;
        case 'ArrowLeft':
          if (item.children && open.has(item.id)) toggle(item.id, false);
          else focusRow(current.parent);
          return true;
        case 'Enter':
        case ' ':
          activate(current);
          return true;
        case 'Escape':
          setShown(false);
          button.current?.focus();
          return true;
        default:
          return false;
      }
    })();
    if (handled) {
      event.preventDefault();
      // The canvas listens for arrows, space and Escape too; they belong to the tree here.
      event.stopPropagation();
    }
  }

  if (trees.length === 0) return null;
  return (
    <div className="fd-sample-picker">
      <button
        ref={button}
        type="button"
        className="fd-btn fd-btn-small fd-sample-toggle"
        aria-expanded={shown}
        aria-controls={shown ? panelId : undefined}
        onClick={() => setShown((s) => !s)}
      >
        {t('form.pickSample')}
      </button>
      {shown && (
        <ul
          ref={tree}
          id={panelId}
          role="tree"
          aria-label={t('form.sampleTree')}
          className="fd-sample-tree"
          data-testid="sample-tree"
          onKeyDown={onKeyDown}
        >
          {rows.map((row) => {
            const { item } = row;
            const isCurrent = row === current;
            const branch = item.children !== undefined;
            return (
              <li
                key={item.id}
                data-id={item.id}
                role="treeitem"
                aria-level={row.level}
                aria-expanded={branch ? open.has(item.id) : undefined}
                aria-disabled={item.more !== undefined || undefined}
                aria-selected={isCurrent}
                tabIndex={isCurrent ? 0 : -1}
                className={`fd-sample-row${item.more !== undefined ? ' fd-sample-more' : ''}`}
                style={{ paddingInlineStart: `${(row.level - 1) * 14 + 4}px` }}
                title={
                  item.path !== undefined && item.sample !== undefined ? `${item.path} = ${item.sample}` : item.path
                }
                onFocus={() => setFocused(item.id)}
                onClick={() => {
                  setFocused(item.id);
                  activate(row);
                }}
              >
                {item.more !== undefined ? (
                  t('form.sampleMore', { count: item.more })
                ) : (
                  <>
                    <span className="fd-sample-twisty" aria-hidden="true">
                      {branch ? (open.has(item.id) ? '▾' : '▸') : ''}
                    </span>
                    <code className="fd-sample-key">{item.label}</code>
                    {item.sample !== undefined && !branch && <span className="fd-sample-value">{item.sample}</span>}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
