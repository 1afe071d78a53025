/**
 * Parsing the text of a JSON file found in an output folder. V8's own
 * message for a syntax error quotes the file's first characters
 * (`Unexpected token 'r', "root:x:0:0:"... is not valid JSON`), and a file
 * named .json may hold anything (a hand-made link to a secret): the reason
 * given here names where the JSON breaks, never what the file says.
 */

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
