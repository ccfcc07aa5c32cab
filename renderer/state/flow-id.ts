/**
 * The flow's `id`: the stable name servers, traces and logs know a flow by. A new flow's id
 * follows its name until the flow is first saved or exported (after that a rename must not
 * silently change what servers call it); the flow settings can set it by hand.
 */

/** Lower-case letters, digits and single hyphens, as file names and URLs take them unchanged. */
export const FLOW_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const FLOW_ID_MAX = 64;

const ID_RE = new RegExp(FLOW_ID_PATTERN);

export function isValidFlowId(id: string): boolean {
  return id.length <= FLOW_ID_MAX && ID_RE.test(id);
}

/**
 * `My Survey → Genesys` → `my-survey-genesys`. Undefined when nothing usable is left (a name
 * written only in Japanese, say), so the caller keeps the id it has.
 */
export function flowIdFromName(name: string): string | undefined {
  const id = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, FLOW_ID_MAX)
    .replace(/-+$/, '');
  return id ? id : undefined;
}
