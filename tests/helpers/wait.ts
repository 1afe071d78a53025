/**
 * Waiting for a child process to reach a point (files written, a lock taken)
 * without a deadline on the wall clock: the wait ends when the condition
 * holds, and fails at once when the child ends first, so that the outcome
 * depends on what the child did, never on how fast a busy machine let it.
 * (A child that hangs is caught by the test's own timeout.)
 */
import type { ChildProcess } from 'node:child_process';

/** Checks `condition` after each short pause until it holds; throws if `child` has ended before it does. */
export async function untilOrExit(child: ChildProcess, what: string, condition: () => boolean): Promise<void> {
  while (!condition()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process ended (${child.signalCode ?? `exit code ${child.exitCode}`}) before ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
