import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PathNotAllowedError, resolveInsideDir } from './confined-path.js';

let root: string;
let base: string;
beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'flowdesk-confine-')));
  base = join(root, 'flows');
  await mkdir(join(base, 'payloads'), { recursive: true });
  await mkdir(join(base, '.flowdesk'), { recursive: true });
  await writeFile(join(root, 'secret.json'), '{}');
  await writeFile(join(base, 'payloads', 'a.json'), '{}');
  await writeFile(join(base, '.flowdesk', 'credentials.enc.json'), '{}');
  await symlink(join(root, 'secret.json'), join(base, 'payloads', 'out.json'));
  await symlink(root, join(base, 'up'));
  await symlink(join(base, '.flowdesk', 'credentials.enc.json'), join(base, 'payloads', 'creds.json'));
  await symlink(join(base, 'payloads', 'a.json'), join(base, 'payloads', 'in.json'));
});

async function refused(name: string): Promise<string> {
  const err = await resolveInsideDir(base, name, 'payload file').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, name).toBeInstanceOf(PathNotAllowedError);
  return (err as Error).message;
}

describe('resolveInsideDir', () => {
  it('resolves relative paths inside the folder, links that stay inside included', async () => {
    expect(await resolveInsideDir(base, 'payloads/a.json')).toBe(join(base, 'payloads', 'a.json'));
    expect(await resolveInsideDir(base, './payloads/../payloads/a.json')).toBe(join(base, 'payloads', 'a.json'));
    expect(await resolveInsideDir(base, 'payloads/in.json')).toBe(join(base, 'payloads', 'a.json'));
    expect(await resolveInsideDir(base, 'payloads/missing.json')).toBe(join(base, 'payloads', 'missing.json'));
  });

  it('refuses absolute paths in POSIX and Windows form', async () => {
    expect(await refused('/etc/passwd')).toContain("The payload file '/etc/passwd' is an absolute path");
    expect(await refused(join(base, 'payloads', 'a.json'))).toContain('absolute path');
    expect(await refused('C:\\Windows\\win.ini')).toContain('absolute path');
    expect(await refused('\\\\server\\share\\x.json')).toContain('absolute path');
  });

  it("refuses '..' that leaves the folder", async () => {
    expect(await refused('../secret.json')).toContain("leaves the flow's folder");
    expect(await refused('payloads/../../secret.json')).toContain("leaves the flow's folder");
  });

  it('refuses symbolic links that point out, and hidden files such as .flowdesk/', async () => {
    expect(await refused('payloads/out.json')).toContain('symbolic link');
    expect(await refused('up/secret.json')).toContain('symbolic link');
    expect(await refused('.flowdesk/credentials.enc.json')).toContain('hidden file or folder');
    expect(await refused('payloads/creds.json')).toContain('symbolic link to a hidden file');
  });

  it('refuses NUL characters and empty paths', async () => {
    expect(await refused('a\0b')).toContain('NUL');
    expect(await refused(' ')).toContain('empty');
  });
});
