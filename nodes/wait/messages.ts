/**
 * The Wait node's own message codes (its checks and its run-time failures), in English and
 * Japanese. The manifest adds them to the catalogues (`addMessages`); the validator and the
 * run's failure message add the node's name.
 */
import type { Message } from '../../core/messages/message.js';

export const waitMessages = {
  en: {
    'wait.no-delay': (_p: Record<string, never>) => 'say how long to wait, e.g. 10 minutes',
    'wait.bad-delay': (p: { text: string }) =>
      `"${p.text}" is not a duration; write a number and a unit, e.g. 30 seconds, 10 minutes, 2 hours or 1 h 30 min`,
    'wait.zero-delay': (_p: Record<string, never>) => 'the wait is 0; give a duration longer than that',
    'wait.too-long': (p: { text: string; max: string }) => `${p.text} is longer than the longest wait, ${p.max}`,
    'wait.no-until': (_p: Record<string, never>) =>
      'say until when to wait: a date and time such as 2026-12-07T14:30:00Z, or a {{ template }} that gives one',
    'wait.bad-until': (p: { text: string; problem: 'no-zone' | 'not-a-time' }) =>
      p.problem === 'no-zone'
        ? `"${p.text}" has no time zone; add Z (UTC) or an offset such as +09:00`
        : `"${p.text}" is not a date and time; write it as ISO-8601, e.g. 2026-12-07T14:30:00Z`,
    'wait.until-value': (p: { template: string; value: string; problem: 'no-zone' | 'not-a-time' }) =>
      p.problem === 'no-zone'
        ? `"Until" (${p.template}) gave ${p.value}, a date and time without a time zone; make it end in Z (UTC) or an offset such as +09:00`
        : `"Until" (${p.template}) gave ${p.value}, which is not a date and time; it must give ISO-8601 text such as 2026-12-07T14:30:00Z or epoch milliseconds`,
    'wait.until-too-far': (p: { template: string; until: string; max: string }) =>
      `"Until" (${p.template}) gave ${p.until}, further ahead than the longest wait, ${p.max}`,
  },
  ja: {
    'wait.no-delay': () => '待つ時間を指定してください（例: 10 minutes、10分）',
    'wait.bad-delay': (p: { text: string }) =>
      `「${p.text}」は時間の長さではありません。数と単位で書いてください（例: 30 seconds、10 minutes、2 hours、1時間30分）`,
    'wait.zero-delay': () => '待つ時間が 0 です。0 より長い時間を指定してください',
    'wait.too-long': (p: { text: string; max: string }) => `${p.text} は最長の待ち時間（${p.max}）を超えています`,
    'wait.no-until': () =>
      'いつまで待つかを指定してください。2026-12-07T14:30:00Z のような日時、またはそれを返す {{ テンプレート }} です',
    'wait.bad-until': (p: { text: string; problem: 'no-zone' | 'not-a-time' }) =>
      p.problem === 'no-zone'
        ? `「${p.text}」にタイムゾーンがありません。Z（UTC）か +09:00 のようなオフセットを付けてください`
        : `「${p.text}」は日時ではありません。2026-12-07T14:30:00Z のような ISO-8601 で書いてください`,
    'wait.until-value': (p: { template: string; value: string; problem: 'no-zone' | 'not-a-time' }) =>
      p.problem === 'no-zone'
        ? `「待つ日時」（${p.template}）の値 ${p.value} にタイムゾーンがありません。末尾に Z（UTC）か +09:00 のようなオフセットが付くようにしてください`
        : `「待つ日時」（${p.template}）の値 ${p.value} は日時ではありません。2026-12-07T14:30:00Z のような ISO-8601 の文字列か、エポックからのミリ秒を返す必要があります`,
    'wait.until-too-far': (p: { template: string; until: string; max: string }) =>
      `「待つ日時」（${p.template}）の値 ${p.until} は最長の待ち時間（${p.max}）より先です`,
  },
} as const;

export type WaitMessageCode = keyof (typeof waitMessages)['en'];

/** A Wait message with its English sentence filled in. */
export function waitMessage<C extends WaitMessageCode>(
  code: C,
  params: Parameters<(typeof waitMessages)['en'][C]>[0],
): Message & { message: string } {
  const word = waitMessages.en[code] as (p: typeof params) => string;
  return { code, params: params as Message['params'], message: word(params) };
}
