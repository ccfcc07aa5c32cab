/**
 * Terminal output: colors only when the stream is a TTY and NO_COLOR is not set
 * (https://no-color.org), so logs and CI files stay plain text.
 */
export interface Styler {
  readonly enabled: boolean;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

export function colorEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function createStyler(enabled: boolean): Styler {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    enabled,
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    cyan: wrap(36, 39),
  };
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Styles for stdout. */
  style: Styler;
  /** Styles for stderr. */
  errStyle: Styler;
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    style: createStyler(colorEnabled(process.stdout)),
    errStyle: createStyler(colorEnabled(process.stderr)),
  };
}

/** `12.3 ms`, `1.2 s`, `850 µs`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.max(0, Math.round(ms * 1000))} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
