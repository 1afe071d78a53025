/**
 * The inputs of a batch: files given directly and the report files found in
 * folders (recursively), each with the path its JSON gets under the output
 * folder (model.md: relative to the folder given, or the file name).
 *
 * Nothing under a folder is dropped without a word: every file that is not an
 * input is returned in `skipped` with its reason (another format, an Office
 * lock file, and what the folder walker skips: folder-walk.ts).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, relative } from 'node:path';
import { inputExtensions, otherFormats } from '../../extractors/index.js';
import { type WalkRules, walkFolder } from './folder-walk.js';
import { append } from '../arrays.js';

export interface Input {
  /** Path to read. */
  path: string;
  /** Path of the JSON relative to the output folder. */
  output: string;
  /** The folder `output` is relative to: the folder given, or the folder of a file given (queue jobs name inputs relative to it). */
  root?: string;
}

/** A file under a folder given that is not converted, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CollectedInputs {
  inputs: Input[];
  /** Arguments that are neither a file nor a folder. */
  missing: string[];
  /** Files (and folders) under the folders given, and files given, that are not converted. */
  skipped: SkippedFile[];
}

/** A folder's own documentation (README.md, readme.txt): text in a report format that describes the folder, never a report. */
const folderDocumentation = /^readme(\.[^.]*)?$/i;

/** Why a file given directly is not an input: a lock file, or a format known to be no report (an Excel workbook); undefined when it is one. */
function givenReason(name: string): string | undefined {
  if (name.startsWith('~$')) return 'Office lock file (~$…)';
  if (name.startsWith('._')) return 'macOS metadata file (._…)';
  const ext = extname(name).toLowerCase();
  const other = otherFormats[ext];
  // An unknown or missing extension is left to the content (a crawler's dump without one, a DOCX named .wps).
  return other === undefined ? undefined : `not a report format (${ext}: ${other})`;
}

/** Why a file with this name, found in a folder, is not an input, or undefined when it is one. */
function nameReason(name: string): string | undefined {
  const given = givenReason(name);
  if (given) return given;
  const ext = extname(name).toLowerCase();
  if (!inputExtensions.includes(ext)) return `not a report format (${ext === '' ? 'no extension' : ext})`;
  if (folderDocumentation.test(name)) return 'documentation of the folder (README)';
  return undefined;
}

/** An input folder's walk: every file is an input or skipped with its reason. */
const inputRules: WalkRules = {
  file: (name) => {
    const reason = nameReason(name);
    return reason ? { skip: reason } : 'take';
  },
  folderWord: 'input folder',
  fileLinks: 'follow',
};

export async function collectInputs(args: string[]): Promise<CollectedInputs> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      await walkFolder(arg, inputRules, {
        found: (path) => inputs.push({ path, output: `${relative(arg, path)}.json`, root: arg }),
        skip: (path, reason) => skipped.push({ path, reason }),
      });
    } else if (info?.isFile()) {
      const reason = givenReason(basename(arg));
      if (reason) skipped.push({ path: arg, reason });
      else inputs.push({ path: arg, output: `${basename(arg)}.json`, root: dirname(arg) });
    } else {
      missing.push(arg);
    }
  }
  const seen = new Set<string>();
  return { inputs: disambiguate(inputs), missing, skipped: skipped.filter((s) => (seen.has(s.path) ? false : (seen.add(s.path), true))) };
}

/**
 * One layout rule for every JSON: its input's path relative to the folder
 * given, or the file name of a file given. Two inputs that would write the
 * same JSON keep that place, numbered in argument order (r.html.json,
 * r.html~2.json, …), so the layout never changes and no input path (「../」
 * included) ever leads outside the output folder. The same input named twice
 * is converted once.
 */
function disambiguate(inputs: Input[]): Input[] {
  const seen = new Set<string>();
  const taken = new Map<string, number>();
  const out: Input[] = [];
  for (const input of inputs) {
    if (seen.has(input.path)) continue;
    seen.add(input.path);
    const n = (taken.get(input.output) ?? 0) + 1;
    taken.set(input.output, n);
    out.push(n === 1 ? input : { ...input, output: input.output.replace(/\.json$/, `~${n}.json`) });
  }
  return out;
}

/**
 * The skipped files for people: grouped by reason (largest group first), at
 * most `limit` paths in all (more only when there are more groups: each names
 * one), the rest counted; `where` says where the full list is.
 */
export function skippedLines(skipped: SkippedFile[], where?: string, limit = 20): string[] {
  if (skipped.length === 0) return [];
  const groups = new Map<string, string[]>();
  for (const s of skipped) {
    const paths = groups.get(s.reason);
    if (paths) paths.push(s.path);
    else groups.set(s.reason, [s.path]);
  }
  const lines = [`${skipped.length} ${skipped.length === 1 ? 'file' : 'files'} skipped, not converted${where ? ` (${where})` : ''}:`];
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  // Every group names at least one of its files (the one .xlsx beside twenty .json is the one to see); the rest of the room goes in order.
  let room = Math.max(limit - sorted.length, 0);
  for (const [reason, paths] of sorted) {
    lines.push(`  ${reason}: ${paths.length}`);
    const extra = Math.min(room, paths.length - 1);
    room -= extra;
    const shown = paths.slice(0, 1 + extra);
    append(lines, shown.map((p) => `    ${p}`));
    if (paths.length > shown.length) lines.push(`    … and ${paths.length - shown.length} more`);
  }
  return lines;
}
