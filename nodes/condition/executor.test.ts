import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../../core/flow.js';
import type { RunScope } from '../../core/node-type.js';
import { runNode } from '../../test/support/exec-context.js';
import { readPayload } from '../../test/support/payloads.js';
import { conditionExecutor, type RuleDetail } from './executor.js';
import { conditionManifest, type ConditionConfig } from './manifest.js';

const node = (config: Partial<ConditionConfig>): FlowNode => ({
  id: 'n-cond',
  type: 'condition',
  version: 1,
  name: 'shouldFollowUp',
  config: { ...conditionManifest.defaults, ...config },
});

async function decide(config: Partial<ConditionConfig>, scope: Partial<RunScope>) {
  const { result, ctx } = await runNode(conditionExecutor, { node: node(config), scope });
  return { port: result.port, output: result.output, rules: ctx.details.rules as RuleDetail[] | undefined, ctx };
}

const body = (b: unknown): Partial<RunScope> => ({ trigger: { body: b, headers: {}, query: {} } });

describe('condition executor on real payloads', () => {
  const eventBridge = readPayload('genesys-eventbridge-customer-end.json');
  const analytics = readPayload('genesys-analytics-conversation-details-chat-1.json');

  it('matches the EventBridge mediaType CHAT against lowercase "chat" case-insensitively', async () => {
    const config: Partial<ConditionConfig> = {
      rules: [{ left: 'trigger.body.detail.eventBody.mediaType', operator: 'equals', right: 'chat' }],
    };
    const insensitive = await decide(config, body(eventBridge));
    expect(insensitive.port).toBe('true');
    expect(insensitive.output).toEqual({ result: true });
    expect(insensitive.rules).toEqual([
      {
        left: 'trigger.body.detail.eventBody.mediaType',
        operator: 'equals',
        right: 'chat',
        value: 'CHAT',
        matched: true,
      },
    ]);
    const sensitive = await decide({ ...config, caseInsensitive: false }, body(eventBridge));
    expect(sensitive.port).toBe('false');
  });

  it('compares an event with the analytics record: same conversation, same media type in another case', async () => {
    const r = await decide(
      {
        rules: [
          {
            left: 'steps.getDetails.body.participants[0].sessions[0].mediaType',
            operator: 'equals',
            right: '{{ trigger.body.detail.eventBody.mediaType }}',
          },
          { left: 'trigger.body.detail.eventBody.interactingDurationMs', operator: 'gte', right: '60000' },
          { left: 'trigger.body.detail.timestamp', operator: 'gt', right: '2022-01-01T00:00:00Z' },
          {
            left: 'trigger.body.detail.eventBody.conversationExternalContactIds',
            operator: 'contains',
            right: '12456349-B5C7-4D8F-9EB4-F4DF18BCE9A9',
          },
        ],
      },
      { ...body(eventBridge), steps: { getDetails: { status: 200, body: analytics } } },
    );
    expect(r.rules!.map((d) => [d.value, d.right, d.matched])).toEqual([
      ['chat', 'CHAT', true],
      [60000, '60000', true],
      ['2022-04-06T09:30:45.013Z', '2022-01-01T00:00:00Z', true],
      [['12456349-b5c7-4d8f-9eb4-f4df18bce9a9'], '12456349-B5C7-4D8F-9EB4-F4DF18BCE9A9', true],
    ]);
    expect(r.port).toBe('true');
  });

  it("runs seed 000's first condition: not connected and ConversationID not empty", async () => {
    const config: Partial<ConditionConfig> = {
      combinator: 'all',
      rules: [
        { left: 'trigger.body.Connected', operator: 'equals', right: 'no' },
        { left: 'trigger.body.ConversationID', operator: 'isNotEmpty' },
      ],
    };
    expect((await decide(config, body(readPayload('qualtrics-survey-response-dissatisfied.SAMPLE.json')))).port).toBe(
      'true',
    );
    const connected = await decide(config, body(readPayload('qualtrics-survey-response-connected.SAMPLE.json')));
    expect(connected.port).toBe('false');
    expect(connected.rules![0]).toMatchObject({ left: 'trigger.body.Connected', matched: false });
    // Every rule is reported even when the first already decided.
    expect(connected.rules).toHaveLength(2);
    const missingId = await decide(config, body({ Connected: 'No', ConversationID: '' }));
    expect(missingId.port).toBe('false');
    expect(missingId.rules![1]).toEqual({
      left: 'trigger.body.ConversationID',
      operator: 'isNotEmpty',
      value: '',
      matched: false,
    });
  });

  it('any: one matching rule is enough; a missing value is reported as absent', async () => {
    const r = await decide(
      {
        combinator: 'any',
        rules: [
          { left: 'trigger.body.CSAT', operator: 'lte', right: 2 },
          { left: 'trigger.body.NoSuchField', operator: 'exists' },
        ],
      },
      body(readPayload('qualtrics-survey-response-dissatisfied.SAMPLE.json')),
    );
    expect(r.port).toBe('true');
    expect(r.rules![1]).toEqual({
      left: 'trigger.body.NoSuchField',
      operator: 'exists',
      value: undefined,
      matched: false,
    });
    const none = await decide(
      { combinator: 'any', rules: [{ left: 'trigger.body.CSAT', operator: 'lte', right: 2 }] },
      body({ CSAT: 5 }),
    );
    expect(none.port).toBe('false');
  });

  it('in, matches and a {{ }} list on the right', async () => {
    const r = await decide(
      {
        rules: [
          { left: 'trigger.body.detail.eventBody.direction', operator: 'in', right: ['inbound', 'outbound'] },
          { left: 'trigger.body.detail.eventBody.conversationId', operator: 'matches', right: '^[0-9a-f-]{36}$' },
          { left: 'trigger.body.detail.eventBody.mediaType', operator: 'in', right: '{{ vars.digitalMedia }}' },
        ],
      },
      { ...body(eventBridge), vars: { digitalMedia: ['chat', 'email', 'message'] } },
    );
    expect(r.rules!.map((d) => d.matched)).toEqual([true, true, true]);
  });

  it('accepts a left path wrapped in {{ }} out of habit', async () => {
    const r = await decide(
      { rules: [{ left: '{{ trigger.body.Connected }}', operator: 'equals', right: 'No' }] },
      body({ Connected: 'No' }),
    );
    expect(r.port).toBe('true');
  });

  it('expression mode: a truthy JSONata result takes the true port', async () => {
    const dissatisfied = readPayload('qualtrics-survey-response-dissatisfied.SAMPLE.json');
    const config: Partial<ConditionConfig> = {
      mode: 'expression',
      expression: "trigger.body.CSAT <= 2 and trigger.body.ConversationID != ''",
    };
    const r = await decide(config, body(dissatisfied));
    expect(r.port).toBe('true');
    expect(r.ctx.details.expression).toEqual({ expression: config.expression, value: true, result: true });
    expect((await decide(config, body(readPayload('qualtrics-survey-response-satisfied.SAMPLE.json')))).port).toBe(
      'false',
    );
    // A path that finds nothing is false, as in JSONata.
    expect((await decide({ mode: 'expression', expression: 'trigger.body.Missing' }, body({}))).port).toBe('false');
  });

  it('an invalid regular expression from a template fails the node with the rule named', async () => {
    await expect(
      decide(
        { rules: [{ left: 'trigger.body.x', operator: 'matches', right: '{{ vars.pattern }}' }] },
        { ...body({ x: 'a' }), vars: { pattern: '(' } },
      ),
    ).rejects.toMatchObject({
      code: 'condition-error',
      message: expect.stringMatching(/trigger\.body\.x matches the regular expression/),
    });
  });

  it('runs a matches rule in linear time, case-insensitive or not, static or templated (issue 12, item 2)', async () => {
    const evil = 'a'.repeat(28) + '!';
    for (const caseInsensitive of [true, false]) {
      const r = await decide(
        { caseInsensitive, rules: [{ left: 'trigger.body.x', operator: 'matches', right: '(a+)+$' }] },
        body({ x: evil }),
      );
      expect(r.port).toBe('false');
    }
    // A pattern taken from the payload runs on the same engine.
    const templated = await decide(
      { rules: [{ left: 'trigger.body.x', operator: 'matches', right: '{{ trigger.body.p }}' }] },
      body({ x: evil, p: '(A+)+$' }),
    );
    expect(templated.port).toBe('false');
    expect(
      (await decide({ rules: [{ left: 'trigger.body.x', operator: 'matches', right: '^A+$' }] }, body({ x: 'aa' })))
        .port,
    ).toBe('true');
  });

  it('refuses a pattern the linear-time engine cannot run, in validation and from a template', async () => {
    expect(
      conditionManifest.check?.({
        ...conditionManifest.defaults,
        rules: [{ left: 'x', operator: 'matches', right: '(a)\\1' }],
      } as ConditionConfig),
    ).toContainEqual({
      pointer: '/rules/0/right',
      code: 'rules.bad-regex',
      params: expect.objectContaining({ rule: 0 }),
      message: expect.stringMatching(
        /^rule 1: the regular expression .* uses a backreference .* linear-time regex engine/,
      ),
    });
    await expect(
      decide(
        { rules: [{ left: 'trigger.body.x', operator: 'matches', right: '{{ trigger.body.p }}' }] },
        body({ x: 'ab', p: 'a(?=b)' }),
      ),
    ).rejects.toMatchObject({ code: 'condition-error', message: expect.stringMatching(/lookahead/) });
  });
});
