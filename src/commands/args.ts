/** What every command shares for reading its arguments. */

/** Wrong usage: the CLI prints the message and a pointer to --help, and exits 2. */
export class UsageError extends Error {}

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, not "${value}"`);
  return n;
}

export function nonNegativeInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number ≥ 0, not "${value}"`);
  return n;
}

/** A command of the CLI: its help text and what it does; resolves to the exit status. */
export interface Command {
  name: string;
  /** One line for the overview. */
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/**
 * Runs `body` with Ctrl-C and SIGTERM ending the process at once, with the
 * exit status shells give a signal (130, 143). `onSignal` cleans up and
 * returns what to tell the person, if anything.
 */
export async function exitOnSignal<T>(onSignal: (signal: NodeJS.Signals) => string | undefined, body: () => Promise<T>): Promise<T> {
  const stop = (signal: NodeJS.Signals) => {
    const message = onSignal(signal);
    if (message !== undefined) process.stderr.write(`govreport: ${signal}: ${message}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await body();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
