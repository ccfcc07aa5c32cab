import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PathNotAllowedError,
  resolveInWorkspace,
  resolveInWorkspaceReal,
  workspaceRelative,
} from './workspace-paths.js';

let dir: string;
let ws: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowdesk-paths-'));
  ws = join(dir, 'ws');
  await mkdir(join(ws, 'flows'), { recursive: true });
  await symlink(dir, join(ws, 'out'));
  await symlink(join(ws, 'flows'), join(ws, 'in'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('resolveInWorkspace', () => {
  it('accepts relative paths and absolute paths inside', () => {
    expect(resolveInWorkspace(ws, 'flows/a.flow.json')).toBe(join(ws, 'flows/a.flow.json'));
    expect(resolveInWorkspace(ws, join(ws, 'b.flow.json'))).toBe(join(ws, 'b.flow.json'));
    expect(workspaceRelative(ws, join(ws, 'flows', 'a.flow.json'))).toBe('flows/a.flow.json');
  });

  it('refuses .., outside absolute paths, empty paths and NUL', () => {
    expect(() => resolveInWorkspace(ws, '../x')).toThrow(PathNotAllowedError);
    expect(() => resolveInWorkspace(ws, 'flows/../../x')).toThrow(/uses '\.\.'/);
    expect(() => resolveInWorkspace(ws, 'flows\\..\\..\\x')).toThrow(/uses '\.\.'/);
    expect(() => resolveInWorkspace(ws, '/etc/passwd')).toThrow(/outside the workspace/);
    expect(() => resolveInWorkspace(ws, ws + '-other/x')).toThrow(/outside the workspace/);
    expect(() => resolveInWorkspace(ws, '')).toThrow(/empty/);
    expect(() => resolveInWorkspace(ws, 'a\0b')).toThrow(/NUL/);
  });

  it('follows symbolic links: out is refused, in is fine, new files too', async () => {
    await expect(resolveInWorkspaceReal(ws, 'out/x.flow.json')).rejects.toThrow(/symbolic link/);
    await expect(resolveInWorkspaceReal(ws, 'in/x.flow.json')).resolves.toBe(join(ws, 'in/x.flow.json'));
    await expect(resolveInWorkspaceReal(ws, 'new/dir/x.flow.json')).resolves.toBe(join(ws, 'new/dir/x.flow.json'));
  });
});
