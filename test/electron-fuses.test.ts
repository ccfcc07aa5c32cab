/**
 * The packaged app's Electron fuses (issue 12, item 15): electron-builder flips them from
 * electron-builder.yml before signing, so a fuse dropped from the config would silently ship a
 * binary that runs as Node or obeys NODE_OPTIONS. This reads the config as electron-builder
 * does (top-level `electronFuses` mapping) and requires every one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** The `key: value` pairs of one top-level mapping of a YAML file (no anchors or flow style used there). */
function topLevelMapping(yaml: string, key: string): Record<string, string> | undefined {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^${key}:\\s*(#.*)?$`).test(l));
  if (start < 0) return undefined;
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const m = /^\s+([A-Za-z]+):\s*([^#\s]+)/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

const REQUIRED = {
  runAsNode: 'false',
  enableNodeOptionsEnvironmentVariable: 'false',
  enableNodeCliInspectArguments: 'false',
  grantFileProtocolExtraPrivileges: 'false',
  onlyLoadAppFromAsar: 'true',
  enableEmbeddedAsarIntegrityValidation: 'true',
  enableCookieEncryption: 'true',
};

describe('electron-builder.yml', () => {
  const yaml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');

  it('sets every security fuse', () => {
    const fuses = topLevelMapping(yaml, 'electronFuses');
    expect(fuses, 'electron-builder.yml has no electronFuses section').toBeDefined();
    expect(fuses).toMatchObject(REQUIRED);
  });

  it('packs the app into an asar (the integrity fuse needs one)', () => {
    expect(yaml).toMatch(/^asar: true$/m);
  });

  it('the reader finds a fuse that is turned back on', () => {
    const weakened = yaml.replace('runAsNode: false', 'runAsNode: true');
    expect(topLevelMapping(weakened, 'electronFuses')).not.toMatchObject(REQUIRED);
  });
});
