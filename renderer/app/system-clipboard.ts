/**
 * Copy/paste through the system clipboard as well, so nodes copied in one window (Electron
 * opens one per flow) paste into another. The text is JSON with a marker; what comes back is
 * untrusted and checked before it reaches the store. Failing clipboard access (permissions,
 * an unfocused page) falls back to the in-window clipboard.
 */
import type { AnyNodeTypeManifest } from '../../core/node-type.js';
import type { ClipboardContent } from '../state/flow-ops.js';

const MARKER = 'flowdesk/nodes@1';
/** Longest the paste waits for the system clipboard before using the window's own. */
const READ_TIMEOUT_MS = 400;

export function serializeClipboard(content: ClipboardContent): string {
  return JSON.stringify({ format: MARKER, ...content });
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The nodes in clipboard text, keeping only well-formed nodes of known types; undefined when none. */
export function parseClipboard(
  text: string,
  manifestFor: (type: string) => AnyNodeTypeManifest | undefined,
): ClipboardContent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.format !== MARKER || !Array.isArray(value.nodes)) return undefined;
  const nodes = value.nodes.filter(
    (n): n is ClipboardContent['nodes'][number] =>
      isRecord(n) &&
      typeof n.id === 'string' &&
      typeof n.type === 'string' &&
      typeof n.name === 'string' &&
      typeof n.version === 'number' &&
      isRecord(n.config) &&
      !!manifestFor(n.type),
  );
  if (!nodes.length) return undefined;
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (Array.isArray(value.edges) ? value.edges : []).filter(
    (e): e is ClipboardContent['edges'][number] =>
      isRecord(e) && typeof e.port === 'string' && ids.has(e.from as string) && ids.has(e.to as string),
  );
  const positions: ClipboardContent['positions'] = {};
  if (isRecord(value.positions)) {
    for (const [id, p] of Object.entries(value.positions)) {
      if (ids.has(id) && isRecord(p) && Number.isFinite(p.x) && Number.isFinite(p.y)) {
        positions[id] = { x: p.x as number, y: p.y as number };
      }
    }
  }
  return { nodes, edges, positions };
}

export function writeSystemClipboard(content: ClipboardContent): void {
  globalThis.navigator?.clipboard?.writeText(serializeClipboard(content)).catch(() => undefined);
}

export async function readSystemClipboard(
  manifestFor: (type: string) => AnyNodeTypeManifest | undefined,
): Promise<ClipboardContent | undefined> {
  const clipboard = globalThis.navigator?.clipboard;
  if (!clipboard?.readText) return undefined;
  try {
    const text = await Promise.race([
      clipboard.readText(),
      new Promise<string>((resolve) => setTimeout(() => resolve(''), READ_TIMEOUT_MS)),
    ]);
    return text ? parseClipboard(text, manifestFor) : undefined;
  } catch {
    return undefined;
  }
}
