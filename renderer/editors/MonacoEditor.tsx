/**
 * One Monaco editor bound to a string value. Monaco loads lazily; until it is there (and
 * whenever the admin prefers) a plain textarea edits the same text, which also gives screen
 * readers and the end-to-end suite a simple control.
 */
import { useEffect, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { TYPING_SURFACE_CLASS } from '../app/typing-target.js';
import { loadMonaco, type MonacoModule } from './monaco-loader.js';

export interface MonacoEditorProps {
  /** DOM id of the editor's container (focus target for the problems panel). */
  id: string;
  value: string;
  onChange: (value: string) => void;
  language: 'json' | 'javascript';
  /** Model URI path, e.g. `node-abc/body.json`; JSON schemas attach to it. */
  modelPath: string;
  height?: number;
  ariaLabel: string;
  testId?: string;
  plainTextLabel: string;
  richTextLabel: string;
  loadingLabel: string;
  /** Called once Monaco is loaded, before the model is created (typings, schemas). */
  onMonaco?: (monaco: MonacoModule) => void;
  onBlur?: () => void;
}

export function MonacoEditor(props: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [plain, setPlain] = useState(false);
  const [ready, setReady] = useState(false);
  /** Texts handed to onChange that have not come back as `value` yet. */
  const echoes = useRef<string[]>([]);

  useEffect(() => {
    if (plain) return;
    let disposed = false;
    let editor: MonacoApi.editor.IStandaloneCodeEditor | null = null;
    let model: MonacoApi.editor.ITextModel | null = null;
    void loadMonaco().then((mod) => {
      if (disposed || !host.current) return;
      const { monaco } = mod;
      latest.current.onMonaco?.(mod);
      const uri = monaco.Uri.parse(`inmemory://flowdesk/${latest.current.modelPath}`);
      monaco.editor.getModel(uri)?.dispose();
      model = monaco.editor.createModel(latest.current.value, latest.current.language, uri);
      editor = monaco.editor.create(host.current, {
        model,
        minimap: { enabled: false },
        automaticLayout: true,
        scrollBeyondLastLine: false,
        fontSize: 12,
        lineNumbersMinChars: 3,
        tabSize: 2,
        wordWrap: 'on',
        ariaLabel: latest.current.ariaLabel,
        fixedOverflowWidgets: true,
      });
      editor.onDidChangeModelContent(() => {
        const text = model?.getValue() ?? '';
        if (text !== latest.current.value) {
          echoes.current.push(text);
          latest.current.onChange(text);
        }
      });
      editor.onDidBlurEditorText(() => latest.current.onBlur?.());
      editorRef.current = editor;
      setReady(true);
    });
    return () => {
      disposed = true;
      editor?.dispose();
      model?.dispose();
      editorRef.current = null;
      setReady(false);
    };
  }, [plain, props.modelPath, props.language]);

  // Undo, redo or another panel changed the value: follow it without losing the cursor. A value
  // this editor handed on comes back a render later, when more keys may already be in the
  // model: writing that older text back dropped the keys typed in between (fast typing lost
  // letters), so our own values are recognised and skipped.
  useEffect(() => {
    const own = echoes.current.indexOf(props.value);
    if (own >= 0) {
      echoes.current.splice(0, own + 1);
      return;
    }
    echoes.current = [];
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== props.value) {
      editorRef.current?.executeEdits('flowdesk', [{ range: model.getFullModelRange(), text: props.value }]);
    }
  }, [props.value]);

  const height = props.height ?? 180;
  return (
    // Marked as a typing surface: the canvas and the shortcuts leave its keys alone (Monaco's
    // EditContext input is not a textarea, see typing-target.ts).
    <div className={`fd-monaco ${TYPING_SURFACE_CLASS}`} data-testid={props.testId}>
      <div className="fd-monaco-bar">
        <button type="button" className="fd-link" data-testid="plain-text-toggle" onClick={() => setPlain(!plain)}>
          {plain ? props.richTextLabel : props.plainTextLabel}
        </button>
      </div>
      {plain ? (
        <textarea
          id={props.id}
          className="fd-input fd-code-text"
          style={{ height }}
          value={props.value}
          spellCheck={false}
          aria-label={props.ariaLabel}
          data-testid={props.testId ? `${props.testId}-text` : undefined}
          onChange={(event) => props.onChange(event.target.value)}
          onBlur={props.onBlur}
        />
      ) : (
        <div className="fd-monaco-frame" style={{ height }}>
          {/* Monaco owns this element's children; React never renders into it. */}
          <div
            id={props.id}
            tabIndex={-1}
            ref={host}
            className="fd-monaco-host"
            onFocus={(event) => {
              // The problems panel focuses the container; hand focus to the editor itself.
              if (event.target === event.currentTarget) editorRef.current?.focus();
            }}
          />
          {!ready && <div className="fd-muted fd-monaco-loading">{props.loadingLabel}</div>}
        </div>
      )}
    </div>
  );
}
