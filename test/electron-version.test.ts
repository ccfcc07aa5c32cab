/**
 * The Electron the desktop app ships (issue 12, item 16): 45.4.1 lacked security fixes that
 * 45.6.1 carries. Both package.json's range and the version package-lock.json installs must stay
 * at or above that floor, so a careless downgrade or a stale lockfile fails here instead of
 * shipping unnoticed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FLOOR = '45.6.1';

const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, any>;

/** Major, minor, patch of "45.6.1" (a leading ~, ^ or = is dropped); undefined when not a plain version. */
function parts(version: string): [number, number, number] | undefined {
  const m = /^[~^=]?(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(version: string, floor: string): boolean {
  const v = parts(version)!;
  const f = parts(floor)!;
  for (let i = 0; i < 3; i++) if (v[i] !== f[i]) return v[i]! > f[i]!;
  return true;
}

describe('Electron version', () => {
  const pkg = readJson('package.json');
  const range = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron);

  it(`package.json pins Electron to one major line at ${FLOOR} or later`, () => {
    // ~ or an exact version: a new major is a deliberate change, not something an install picks up.
    expect(range).toMatch(/^[~=]?\d+\.\d+\.\d+$/);
    expect(atLeast(range, FLOOR), `electron ${range} is below ${FLOOR}`).toBe(true);
  });

  it(`package-lock.json installs Electron ${FLOOR} or later, in the range package.json asks for`, () => {
    const locked = String(readJson('package-lock.json').packages?.['node_modules/electron']?.version);
    expect(parts(locked), `package-lock.json has electron ${locked}`).toBeDefined();
    expect(atLeast(locked, FLOOR), `package-lock.json installs electron ${locked}`).toBe(true);
    expect(parts(locked)![0]).toBe(parts(range)![0]);
  });

  it('the comparison refuses the version that lacked the fixes', () => {
    expect(atLeast('~45.4.1', FLOOR)).toBe(false);
    expect(atLeast('45.6.0', FLOOR)).toBe(false);
    expect(atLeast('46.0.0', FLOOR)).toBe(true);
  });
});
