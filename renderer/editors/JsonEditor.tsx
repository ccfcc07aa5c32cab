/**
 * Monaco for JSON (request bodies, input schemas, payloads, recorded responses) with
 * validation on. The value is text: callers decide what to do while it does not parse.
 */
import { useEffect } from 'react';
import { useT } from '../i18n/index.js';
import { MonacoEditor } from './MonacoEditor.js';
import { loadMonaco } from './monaco-loader.js';

export interface JsonEditorProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Unique per edited value, e.g. `node-abc/body`. */
  modelKey: string;
  /** Optional JSON Schema the text must follow (drawn as squiggles). */
  schema?: object;
  height?: number;
  testId?: string;
  onBlur?: () => void;
}

/** Schemas by model URI: Monaco's JSON service takes them all at once. */
const schemas = new Map<string, object>();

async function applySchemas(): Promise<void> {
  const { jsonDefaults } = await loadMonaco();
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [...schemas].map(([uri, schema]) => ({ uri: `${uri}#schema`, fileMatch: [uri], schema })),
  });
}

export function JsonEditor(props: JsonEditorProps) {
  const t = useT();
  const modelPath = `${props.modelKey}.json`;

  // Keyed by content: @rjsf hands a fresh schema object on every render.
  const schemaText = props.schema ? JSON.stringify(props.schema) : '';
  useEffect(() => {
    const uri = `inmemory://flowdesk/${modelPath}`;
    if (schemaText) schemas.set(uri, JSON.parse(schemaText) as object);
    else schemas.delete(uri);
    void applySchemas();
    return () => {
      schemas.delete(uri);
    };
  }, [modelPath, schemaText]);

  return (
    <MonacoEditor
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      language="json"
      modelPath={modelPath}
      height={props.height ?? 160}
      ariaLabel={t('editor.jsonAria')}
      testId={props.testId}
      plainTextLabel={t('editor.plainText')}
      richTextLabel={t('editor.richText')}
      loadingLabel={t('editor.loading')}
    />
  );
}
