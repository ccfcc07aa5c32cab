/**
 * Switch: one of several named outputs (or several, with "all matches") by rules — each output
 * has the Condition's rule builder — or by one expression whose value names the output. When
 * nothing matches, the `default` output. One endpoint receiving many event types (Twilio
 * TaskRouter's task created / accepted / completed, Genesys EX sync's users, skills, queues…)
 * needs one Switch instead of a chain of Conditions.
 */
import { addMessages } from '../../core/messages/format.js';
import { defineManifest, type ConfigOf, type NodeConfigIssue } from '../../core/node-type.js';
import { checkRules, ruleSchema } from '../shared/rule-builder/rules.js';
import { switchMessages } from './messages.js';

/** The output taken when no output matches; never an output's name. */
export const DEFAULT_PORT = 'default';

/** An output's name is its port's id in edges: a short word, so it reads on the canvas and in `path` expectations. */
export const OUTPUT_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,39}$';

export const switchConfigSchema = {
  type: 'object',
  title: 'Switch',
  additionalProperties: false,
  required: ['mode', 'matching', 'caseInsensitive', 'outputs'],
  properties: {
    mode: {
      type: 'string',
      title: 'Choose with',
      description:
        "rules: each output has its own rules; expression: one JSONata expression whose value is the name of the output to take (e.g. trigger.body.EventType gives 'task.created').",
      enum: ['rules', 'expression'],
    },
    matching: {
      type: 'string',
      title: 'Take',
      description:
        'first: only the first output (top to bottom) that matches; all: every output that matches, one after the other.',
      enum: ['first', 'all'],
    },
    caseInsensitive: {
      type: 'boolean',
      title: 'Ignore upper/lower case',
      description: 'Compare text without regard to case, in the rules and when the expression names an output.',
    },
    outputs: {
      type: 'array',
      title: 'Outputs',
      description:
        'Each output is a port on the canvas with its name; in rules mode it is taken when its rules match. When none matches, the Default output is taken.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: {
            type: 'string',
            title: 'Output name',
            description:
              'The port’s name, e.g. created or wrapup: a letter, then letters, digits, _ or - (at most 40). In expression mode the value that selects it.',
            pattern: OUTPUT_NAME_PATTERN,
            'x-patternMessage': 'must start with a letter and hold only letters, digits, _ or - (at most 40)',
            'x-template': 'none',
          },
          combinator: {
            type: 'string',
            title: 'Match',
            description: 'all: every rule of this output must match (AND); any: at least one (OR).',
            enum: ['all', 'any'],
          },
          rules: {
            type: 'array',
            title: 'Rules',
            description: 'Used when choosing with rules: each rule compares a value from the flow with another value.',
            items: ruleSchema,
          },
        },
      },
    },
    expression: {
      type: 'string',
      title: 'Expression',
      description:
        'Used when choosing with an expression: JSONata whose value is an output’s name, such as trigger.body.EventType. With "all", a list of names takes each of them.',
      'x-template': 'expression',
    },
  },
} as const;

/**
 * Config of a Switch node (v1).
 *
 * ```json
 * { "mode": "rules", "matching": "first", "caseInsensitive": true,
 *   "outputs": [
 *     { "name": "created", "combinator": "all",
 *       "rules": [{ "left": "trigger.body.EventType", "operator": "equals", "right": "task.created" }] },
 *     { "name": "completed", "combinator": "all",
 *       "rules": [{ "left": "trigger.body.EventType", "operator": "equals", "right": "task.completed" }] }] }
 * ```
 */
export type SwitchConfig = ConfigOf<typeof switchConfigSchema>;

addMessages(switchMessages);

export const switchManifest = defineManifest<SwitchConfig>()({
  type: 'switch',
  version: 1,
  category: 'logic',
  title: 'Switch',
  configSchema: switchConfigSchema,
  defaults: { mode: 'rules', matching: 'first', caseInsensitive: true, outputs: [] },
  ports: [DEFAULT_PORT],
  portsFor: (config) => [...outputNames(config), DEFAULT_PORT],
  credentialSlots: [],
  check: checkSwitch,
});

/** The outputs' names in order, skipping unusable ones (a half-edited config may hold anything). */
export function outputNames(config: Partial<SwitchConfig> | Record<string, unknown>): string[] {
  const outputs = (config as { outputs?: unknown }).outputs;
  if (!Array.isArray(outputs)) return [];
  const names: string[] = [];
  for (const output of outputs) {
    const name = (output as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && name !== '' && name !== DEFAULT_PORT && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Semantic checks the JSON Schema cannot express. */
export function checkSwitch(config: SwitchConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const say = (
    pointer: string,
    code: keyof (typeof switchMessages)['en'],
    params: Record<string, string | number> = {},
  ) => issues.push({ pointer, code, params, message: switchMessages.en[code](params as never) });
  const outputs = Array.isArray(config.outputs) ? config.outputs : [];
  if (outputs.length === 0) say('/outputs', 'switch.no-outputs');
  const seen = new Map<string, number>();
  outputs.forEach((output, i) => {
    const key = config.caseInsensitive !== false ? output.name.toLowerCase() : output.name;
    if (output.name.toLowerCase() === DEFAULT_PORT) {
      say(`/outputs/${i}/name`, 'switch.default-name', { output: i + 1 });
    } else if (seen.has(key)) {
      say(`/outputs/${i}/name`, 'switch.name-taken', { output: i + 1, name: output.name, first: seen.get(key)! + 1 });
    } else {
      seen.set(key, i);
    }
    if (config.mode !== 'expression') {
      const rules = output.rules ?? [];
      if (rules.length === 0) say(`/outputs/${i}/rules`, 'switch.no-rules', { name: output.name });
      issues.push(...checkRules(rules, config.caseInsensitive !== false, `/outputs/${i}/rules`, output.name));
    }
  });
  if (config.mode === 'expression' && (typeof config.expression !== 'string' || config.expression.trim() === '')) {
    say('/expression', 'switch.empty-expression');
  }
  return issues;
}
