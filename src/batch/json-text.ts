/**
 * Parsing the text of a JSON file found in an output folder. V8's own
 * message for a syntax error quotes the file's first characters
 * (`Unexpected token 'r', "root:x:0:0:"... is not valid JSON`), and a file
 * named .json may hold anything (a hand-made link to a secret): the reason
 * given here names where the JSON breaks, never what the file says.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isWithin } from './folder-walk.js';

/** Why `text` is not JSON, without quoting it. */
export function jsonFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/Unexpected end of JSON input/.test(message)) return 'not valid JSON (it ends too early)';
  const at = /at position (\d+)/.exec(message);
  return at ? `not valid JSON (at character ${Number(at[1]) + 1})` : 'not valid JSON';
}

/** The JSON value of `text` (a byte order mark before it is harmless), or why it is none. */
export function parseJsonText(text: string): { json: unknown } | { failure: string } {
  try {
    return { json: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown };
  } catch (error) {
    return { failure: jsonFailure(error) };
  }
}

/**
 * Whether `output` (relative to the output folder) is a regular file inside
 * it: an output folder may have been edited by hand, and a JSON replaced by a
 * link to a file elsewhere is not the batch's own (it is converted again).
 */
export async function isOwnFile(outdir: string, output: string): Promise<boolean> {
  try {
    const [folder, file] = await Promise.all([realpath(outdir), realpath(join(outdir, output))]);
    return isWithin(file, folder) && (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The JSON the batch wrote at `output`, or why it cannot be read (without quoting it). */
export async function readOwnJson(outdir: string, output: string): Promise<{ json: unknown } | { failure: string }> {
  if (!(await isOwnFile(outdir, output))) return { failure: 'not a file of the output folder (a link out of it, or missing)' };
  try {
    return parseJsonText(await readFile(join(outdir, output), 'utf8'));
  } catch (error) {
    return { failure: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
