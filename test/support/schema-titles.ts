/**
 * Schema titles and descriptions become form labels and the words of validation errors, so
 * node-type tests check that no config field goes without them.
 */

/** Where (e.g. `/retry/maxRetries`) a schema property lacks a title or a description; array items show as `*`. */
export function fieldsWithoutTitles(schema: Record<string, unknown>): string[] {
  const missing: string[] = [];
  const visit = (node: Record<string, unknown>, where: string) => {
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [key, sub] of Object.entries(props ?? {})) {
      if (!sub.title || !sub.description) missing.push(`${where}/${key}`);
      visit(sub, `${where}/${key}`);
      if (sub.items) visit(sub.items as Record<string, unknown>, `${where}/${key}/*`);
    }
  };
  visit(schema, '');
  return missing;
}
