/**
 * Monaco for the Code task's JavaScript, with typings of what the source receives at this
 * node (`trigger`, `steps.<upstream>`, `vars`, `console`), regenerated per node.
 */
import { useEffect, useRef } from 'react';
import type { IDisposable } from 'monaco-editor/editor/editor.api';
import { useT } from '../i18n/index.js';
import { MonacoEditor } from './MonacoEditor.js';
import { loadMonaco } from './monaco-loader.js';

export interface CodeEditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** `.d.ts` text from `codeTypings(flow, nodeId)`. */
  typings: string;
  /** Distinguishes models of different nodes. */
  modelKey: string;
  height?: number;
  testId?: string;
  onBlur?: () => void;
}

/** One typings file at a time: only the inspected node's scope may be offered. */
const TYPINGS_PATH = 'ts:flowdesk/code-scope.d.ts';

export function CodeEditor(props: CodeEditorProps) {
  const t = useT();
  const lib = useRef<IDisposable | null>(null);

  useEffect(() => {
    let cancelled = false;
    void loadMonaco().then(({ javascriptDefaults }) => {
      if (cancelled) return;
      lib.current?.dispose();
      lib.current = javascriptDefaults.addExtraLib(props.typings, TYPINGS_PATH);
    });
    return () => {
      cancelled = true;
    };
  }, [props.typings]);

  useEffect(() => () => lib.current?.dispose(), []);

  return (
    <MonacoEditor
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      language="javascript"
      modelPath={`${props.modelKey}/code.js`}
      height={props.height ?? 260}
      ariaLabel={t('editor.codeAria')}
      testId={props.testId}
      plainTextLabel={t('editor.plainText')}
      richTextLabel={t('editor.richText')}
      loadingLabel={t('editor.loading')}
    />
  );
}
