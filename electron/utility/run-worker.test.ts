import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestReport } from '../../core/test-report.js';
import { handleRunMessage } from './run-worker.js';

const FLOWS = join(import.meta.dirname, '../../flows');

describe('run worker', () => {
  it('runs test cases through the runtime and answers with the report', async () => {
    const flowText = await readFile(join(FLOWS, 'zendesk-ticket-per-engagement.flow.json'), 'utf8');
    const reply = await handleRunMessage({ id: 3, kind: 'tests', flowText, baseDirs: [FLOWS] });
    expect(reply.id).toBe(3);
    expect(reply.ok).toBe(true);
    const report = (reply as { result: TestReport }).result;
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThanOrEqual(3);
  });

  it('answers a failure with its message instead of crashing', async () => {
    const reply = await handleRunMessage({
      id: 4,
      kind: 'flow',
      request: { flowText: '{ nope', payload: {} },
      baseDirs: [FLOWS],
      credentials: {},
    });
    expect(reply).toMatchObject({ id: 4, ok: false });
    expect((reply as { error: string }).error).toMatch(/JSON/i);
  });
});
