/**
 * A text input with autocomplete of the paths available at the node. In template fields the
 * list opens when `{{` is typed; in expression fields (a Condition rule's left side) it opens
 * as soon as a path is typed. Arrow keys move, Enter or Tab insert, Escape closes.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterPaths, type PathOption } from './available-paths.js';
import { SamplePicker } from './SamplePicker.js';
import { insertPicked, type SampleRoot } from './sample-tree.js';
import {
  applyCompletion,
  completionContext,
  type CompletionContext,
  type CompletionMode,
} from './template-completion.js';

export interface TemplateInputProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  onFocus?: () => void;
  paths: readonly PathOption[];
  mode: CompletionMode;
  placeholder?: string;
  multiline?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  testId?: string;
  ariaDescribedBy?: string;
  /** Label of the list for screen readers. */
  listLabel: string;
  /** Why the list offers little (the node is not wired yet, no sample payload), shown above it. */
  hint?: string;
  /** Samples the "Pick from sample…" tree offers beside the field (none: no button). */
  samples?: readonly SampleRoot[];
  /** The tree picks whole lists (the field wants a list, as Apply to each's Items). */
  pickLists?: boolean;
  /** Words in the UI language, for the picker. */
  t?: (key: string, vars?: Record<string, string | number>) => string;
}

interface OpenList {
  context: CompletionContext;
  options: PathOption[];
  active: number;
}

/** What a suggestion says on hover: the whole path (long ones are cut in the list) and its sample value. */
function optionTitle(option: PathOption): string {
  return option.sample !== undefined ? `${option.path} = ${option.sample}` : option.path;
}

export function TemplateInput(props: TemplateInputProps) {
  const { id, value, onChange, paths, mode } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [list, setList] = useState<OpenList | null>(null);
  const pendingCaret = useRef<number | null>(null);

  // Put the caret after an inserted path once React has written the new value.
  useLayoutEffect(() => {
    if (pendingCaret.current === null || !ref.current) return;
    ref.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  function refresh(text: string, caret: number, typed: boolean): void {
    const context = completionContext(text, caret, mode);
    // Expression fields open only while typing, not on every click into the field.
    if (!context || (mode === 'expression' && !typed && list === null)) {
      setList(null);
      return;
    }
    const options = filterPaths(paths, context.query);
    // With nothing to offer, the hint still says why.
    setList(options.length || props.hint ? { context, options, active: 0 } : null);
  }

  function insert(option: PathOption): void {
    if (!list || !ref.current) return;
    const caret = ref.current.selectionStart ?? value.length;
    const result = applyCompletion(value, caret, list.context, option.path, mode);
    pendingCaret.current = result.caret;
    setList(null);
    onChange(result.text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>): void {
    if (!list) return;
    const count = list.options.length;
    if (count === 0) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setList(null);
      }
      return;
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setList({ ...list, active: (list.active + 1) % count });
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setList({ ...list, active: (list.active - 1 + count) % count });
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const option = list.options[list.active];
      if (option) {
        event.preventDefault();
        insert(option);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setList(null);
    }
  }

  const listId = `${id}__paths`;
  const activeId = list ? `${listId}-${list.active}` : undefined;
  const common = {
    id,
    ref,
    value,
    placeholder: props.placeholder,
    disabled: props.disabled,
    className: `fd-input fd-template-input${props.invalid ? ' fd-invalid' : ''}`,
    'data-testid': props.testId,
    'aria-invalid': props.invalid || undefined,
    'aria-describedby': props.ariaDescribedBy,
    'aria-autocomplete': 'list' as const,
    'aria-controls': list ? listId : undefined,
    'aria-expanded': list !== null,
    'aria-activedescendant': activeId,
    role: 'combobox',
    spellCheck: false,
    autoComplete: 'off',
    onChange: (event: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      onChange(event.target.value);
      refresh(event.target.value, event.target.selectionStart ?? event.target.value.length, true);
    },
    onKeyDown,
    onKeyUp: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') {
        const target = event.currentTarget;
        refresh(target.value, target.selectionStart ?? 0, false);
      }
    },
    onBlur: () => {
      setList(null);
      props.onBlur?.();
    },
    onFocus: props.onFocus,
  };

  const shown = useMemo(() => list?.options ?? [], [list]);

  function pickFromSample(path: string): void {
    // The input keeps its selection while the tree has focus: the path goes where the caret was.
    const caret = ref.current?.selectionStart ?? value.length;
    const result = insertPicked(value, caret, path, mode);
    pendingCaret.current = result.caret;
    onChange(result.text);
    ref.current?.focus();
  }

  return (
    <div className="fd-template">
      {props.multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
      {list && (
        <ul className="fd-paths" id={listId} role="listbox" aria-label={props.listLabel} data-testid="path-options">
          {props.hint && (
            <li className="fd-path-hint" role="presentation" data-testid="path-hint">
              {props.hint}
            </li>
          )}
          {shown.map((option, index) => (
            <li
              key={option.path}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === list.active}
              className={`fd-path fd-path-${option.kind}${index === list.active ? ' fd-active' : ''}`}
              data-testid="path-option"
              title={optionTitle(option)}
              // mousedown, not click: the input must not blur before the insert.
              onMouseDown={(event) => {
                event.preventDefault();
                insert(option);
              }}
            >
              <code>{option.path}</code>
              {option.sample !== undefined && <span className="fd-path-sample">{option.sample}</span>}
              {option.detail && <span className="fd-path-detail">{option.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {props.samples && props.samples.length > 0 && props.t && !props.disabled && (
        <SamplePicker
          fieldId={id}
          roots={props.samples}
          onPick={pickFromSample}
          t={props.t}
          pickLists={props.pickLists === true}
        />
      )}
    </div>
  );
}
