/**
 * The inputs of a batch: files given directly and the report files found in
 * folders (recursively), each with the path its JSON gets under the output
 * folder (model.md: relative to the folder given, or the file name).
 *
 * Nothing under a folder is dropped without a word: every file that is not an
 * input is returned in `skipped` with its reason (another format, an Office
 * lock file, a link that loops, is broken or leads out of the folder, a
 * socket or FIFO, a folder that cannot be read). Symbolic links to files
 * inside the folder are followed (the JSON takes the link's own path); a
 * linked folder inside it is read once, through its real path.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { inputExtensions } from '../../extractors/index.js';
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
  /** Files (and folders) under the folders given that are not converted. */
  skipped: SkippedFile[];
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** Whether `path` is `folder` or inside it (both real paths). */
const isWithin = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

function specialKind(entry: Pick<Dirent, 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return 'unknown type';
}

/** Why a file with this name is not an input, or undefined when it is one. */
function nameReason(name: string): string | undefined {
  if (name.startsWith('~$')) return 'Office lock file (~$…)';
  if (name.startsWith('._')) return 'macOS metadata file (._…)';
  const ext = extname(name).toLowerCase();
  if (!inputExtensions.includes(ext)) return `not a report format (${ext === '' ? 'no extension' : ext})`;
  return undefined;
}

/** Walks one folder given on the command line. */
async function walkRoot(root: string, found: (path: string) => void, skip: (path: string, reason: string) => void): Promise<void> {
  const rootReal = await realpath(root).catch(() => resolve(root));
  /** Real paths of the folders read. */
  const visited = new Set<string>();
  /** Links to folders, followed once every real folder of the tree has been read. */
  const folderLinks: { path: string; target: string }[] = [];

  const file = (path: string, name: string) => {
    const reason = nameReason(name);
    if (reason) skip(path, reason);
    else found(path);
  };

  const link = async (path: string, name: string) => {
    let target: string;
    try {
      target = await realpath(path);
    } catch (error) {
      const code = errorCode(error);
      skip(path, code === 'ELOOP' ? 'link loop' : code === 'ENOENT' || code === 'ENOTDIR' ? 'broken link' : `cannot follow link: ${code}`);
      return;
    }
    if (!isWithin(target, rootReal)) return skip(path, 'link out of the input folder');
    const info = await stat(target).catch((error: unknown) => error as Error);
    if (info instanceof Error) return skip(path, `cannot follow link: ${errorCode(info)}`);
    if (info.isDirectory()) folderLinks.push({ path, target });
    else if (info.isFile()) file(path, name);
    else skip(path, `special file (${specialKind(info)})`);
  };

  const folder = async (path: string, real: string) => {
    let entries: Dirent[];
    let raw: Dirent<Buffer>[];
    try {
      [entries, raw] = await Promise.all([readdir(path, { withFileTypes: true }), readdir(path, { withFileTypes: true, encoding: 'buffer' })]);
    } catch (error) {
      skip(path, `cannot read folder: ${errorCode(error)}`);
      return;
    }
    visited.add(real);
    // A name that is not UTF-8 (GBK from an old Windows archive) reads back as U+FFFD and names no file:
    // said, with its bytes shown as GBK would, instead of an ENOENT later.
    const notUtf8 = raw.filter((e) => !Buffer.from(e.name.toString('utf8'), 'utf8').equals(e.name));
    for (const e of notUtf8) {
      skip(join(path, new TextDecoder('gb18030').decode(e.name)), 'file name is not UTF-8 (GBK?): rename it, e.g. convmv -f gbk -t utf-8, to convert it');
    }
    const unreadableNames = new Set(notUtf8.map((e) => e.name.toString('utf8')));
    entries = entries.filter((e) => !unreadableNames.has(e.name));
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await folder(child, join(real, entry.name));
      else if (entry.isFile()) file(child, entry.name);
      else if (entry.isSymbolicLink()) await link(child, entry.name);
      else skip(child, `special file (${specialKind(entry)})`);
    }
  };

  await folder(root, rootReal);
  // Links to folders last, so that a folder is read under its own path, and through a link only when nothing else reaches it.
  for (let i = 0; i < folderLinks.length; i++) {
    const { path, target } = folderLinks[i]!;
    const parentReal = await realpath(dirname(path)).catch(() => undefined);
    if (parentReal !== undefined && isWithin(parentReal, target)) skip(path, 'link loop');
    else if (visited.has(target)) skip(path, `link to a folder read already (${relative(rootReal, target).split(sep).join('/') || '.'})`);
    else await folder(path, target);
  }
}

export async function collectInputs(args: string[]): Promise<CollectedInputs> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      await walkRoot(
        arg,
        (path) => inputs.push({ path, output: `${relative(arg, path)}.json`, root: arg }),
        (path, reason) => skipped.push({ path, reason }),
      );
    } else if (info?.isFile()) {
      inputs.push({ path: arg, output: `${basename(arg)}.json`, root: dirname(arg) });
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
 * most `limit` paths in all, the rest counted; `where` says where the full list is.
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
  let room = limit;
  for (const [reason, paths] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    lines.push(`  ${reason}: ${paths.length}`);
    const shown = paths.slice(0, Math.max(room, 0));
    room -= shown.length;
    append(lines, shown.map((p) => `    ${p}`));
    if (paths.length > shown.length) lines.push(`    … and ${paths.length - shown.length} more`);
  }
  return lines;
}
