/**
 * Commander's usage errors as message codes. Commander words its errors itself and hands over
 * only an error code and that sentence, so this reads the sentence's parts (the option, the
 * argument, the suggestion) into params; the CLI then prints the catalogue's English and keeps
 * commander's exit handling. A sentence this does not recognise (a commander upgrade that
 * rewords one) is kept whole as a `text` message, and the CLI's tests say which.
 */
import { Command, CommanderError, type ErrorOptions } from 'commander';
import { message } from '../../../core/messages/make.js';
import type { Message } from '../../../core/messages/message.js';

type Worded = Message & { message: string };

function read(code: string | undefined, body: string): Worded | undefined {
  let m: RegExpExecArray | null;
  switch (code) {
    case 'commander.unknownOption':
      m = /^unknown option '(.*?)'(?:\n\(Did you mean (.*)\?\))?$/s.exec(body);
      return m ? message('cli.unknown-option', { option: m[1]!, ...(m[2] ? { suggestion: m[2] } : {}) }) : undefined;
    case 'commander.unknownCommand':
      m = /^unknown command '(.*?)'(?:\n\(Did you mean (.*)\?\))?$/s.exec(body);
      return m ? message('cli.unknown-command', { command: m[1]!, ...(m[2] ? { suggestion: m[2] } : {}) }) : undefined;
    case 'commander.missingArgument':
      m = /^missing required argument '(.*)'$/s.exec(body);
      return m ? message('cli.missing-argument', { argument: m[1]! }) : undefined;
    case 'commander.optionMissingArgument':
      m = /^option '(.*)' argument missing$/s.exec(body);
      return m ? message('cli.option-missing-argument', { option: m[1]! }) : undefined;
    case 'commander.missingMandatoryOptionValue':
      m = /^required option '(.*)' not specified$/s.exec(body);
      return m ? message('cli.missing-option', { option: m[1]! }) : undefined;
    case 'commander.excessArguments':
      m = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s.exec(body);
      return m
        ? message('cli.too-many-arguments', {
            ...(m[1] !== undefined ? { command: m[1] } : {}),
            expected: Number(m[2]),
            received: Number(m[3]),
          })
        : undefined;
    case 'commander.invalidArgument':
      m = /^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s.exec(body);
      return m ? message('cli.bad-choice', { option: m[1]!, value: m[2]!, choices: m[3]!.split(', ') }) : undefined;
    case 'commander.conflictingOption':
      m = /^(.*) cannot be used with (.*)$/s.exec(body);
      return m ? message('cli.conflicting-options', { first: m[1]!, second: m[2]! }) : undefined;
    default:
      return undefined;
  }
}

/** The message for one of commander's errors (`text` is its sentence, starting "error: "). */
export function usageMessage(code: string | undefined, text: string): Worded {
  const body = text.replace(/^error: /, '');
  return read(code, body) ?? message('text', { text: body });
}

/** The commander error a usage error throws (exitOverride), with its message code. */
export type UsageError = CommanderError & { usage?: Worded };

/**
 * A `Command` whose usage errors are printed from the catalogue (every subcommand is one too).
 * The commander error thrown afterwards (exitOverride) carries the message as `usage`.
 */
export class CataloguedCommand extends Command {
  override createCommand(name?: string): Command {
    return new CataloguedCommand(name);
  }

  override error(text: string, options?: ErrorOptions): never {
    const usage = usageMessage(options?.code, text);
    try {
      return super.error(`error: ${usage.message}`, options);
    } catch (err) {
      if (err instanceof CommanderError) (err as UsageError).usage = usage;
      throw err;
    }
  }
}
