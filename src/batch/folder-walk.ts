/**
 * The one folder walker of govreport: `convert` walks its input folders with
 * it, and `compare`, `export` and the library walk output folders with it.
 * Each real folder is read once: a link to a folder is followed only when
 * nothing else reaches that folder, a link that leads back up (`ln -s . a`)
 * is a loop, named and skipped, and a link that leads out of the folder
 * given is never followed. Output folders travel (shared, copied off
 * servers, edited by hand), so none of this trusts what lies in them.
 *
 * Nothing is dropped without a word unless the rules say a file is none of
 * the walk's business (`ignore`, as the ledger is to an output folder's walk):
 * every other file is found or skipped with its reason (another format, a
 * link that loops, is broken or leads out of the folder, a socket or FIFO, a
 * folder that cannot be read). Links to files inside the folder are followed
 * (the file keeps the link's own path).
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** What a walk makes of a file by its name: taken, none of its business, or skipped with a reason. */
export type FileVerdict = 'take' | 'ignore' | { skip: string };

export interface WalkRules {
  file(name: string): FileVerdict;
  /** A folder (its path relative to the folder given, `/`-separated) that is not walked, without a word. */
  passOver?(relativePath: string): boolean;
  /** How the reasons name the folder given ("input folder", "output folder"). */
  folderWord: string;
  /**
   * A link to a file inside the folder is followed (an input, converted under the link's name), or
   * skipped: a file of an output folder is read once, under its own name, or a report would count twice.
   */
  fileLinks: 'follow' | 'skip';
}

export interface WalkSink {
  found(path: string): void;
  skip(path: string, reason: string): void;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** Whether `path` is `folder` or inside it (both real paths). */
export const isWithin = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

export function specialKind(entry: Pick<Dirent, 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return 'unknown type';
}

/** Walks the folder `root`; paths handed to `sink` start with `root` as given. */
export async function walkFolder(root: string, rules: WalkRules, sink: WalkSink): Promise<void> {
  const rootReal = await realpath(root).catch(() => resolve(root));
  /** Real paths of the folders read. */
  const visited = new Set<string>();
  /** Links to folders, followed once every real folder of the tree has been read. */
  const folderLinks: { path: string; target: string }[] = [];

  const file = (path: string, name: string) => {
    const verdict = rules.file(name);
    if (verdict === 'take') sink.found(path);
    else if (verdict !== 'ignore') sink.skip(path, verdict.skip);
  };
  const passedOver = (path: string) => rules.passOver?.(relative(root, path).split(sep).join('/')) ?? false;

  const link = async (path: string, name: string) => {
    let target: string;
    try {
      target = await realpath(path);
    } catch (error) {
      const code = errorCode(error);
      // A broken link may have been a folder; one whose name the walk ignores is still none of its business.
      if (code !== 'ELOOP' && rules.file(name) === 'ignore') return;
      sink.skip(path, code === 'ELOOP' ? 'link loop' : code === 'ENOENT' || code === 'ENOTDIR' ? 'broken link' : `cannot follow link: ${code}`);
      return;
    }
    if (!isWithin(target, rootReal)) {
      if (rules.file(name) !== 'ignore' || (await stat(target).catch(() => undefined))?.isDirectory()) sink.skip(path, `link out of the ${rules.folderWord}`);
      return;
    }
    const info = await stat(target).catch((error: unknown) => error as Error);
    if (info instanceof Error) return sink.skip(path, `cannot follow link: ${errorCode(info)}`);
    if (info.isDirectory()) folderLinks.push({ path, target });
    else if (info.isFile() && rules.fileLinks === 'follow') file(path, name);
    else if (info.isFile()) {
      if (rules.file(name) !== 'ignore') sink.skip(path, `link to a file of the folder (${relative(rootReal, target).split(sep).join('/')}): each file is read once, under its own name`);
    }
    else if (rules.file(name) !== 'ignore') sink.skip(path, `special file (${specialKind(info)})`);
  };

  const folder = async (path: string, real: string) => {
    let entries: Dirent[];
    let raw: Dirent<Buffer>[];
    try {
      [entries, raw] = await Promise.all([readdir(path, { withFileTypes: true }), readdir(path, { withFileTypes: true, encoding: 'buffer' })]);
    } catch (error) {
      sink.skip(path, `cannot read folder: ${errorCode(error)}`);
      return;
    }
    visited.add(real);
    // A name that is not UTF-8 (GBK from an old Windows archive) reads back as U+FFFD and names no file:
    // said, with its bytes shown as GBK would, instead of an ENOENT later.
    const notUtf8 = raw.filter((e) => !Buffer.from(e.name.toString('utf8'), 'utf8').equals(e.name));
    for (const e of notUtf8) {
      const shown = new TextDecoder('gb18030').decode(e.name);
      if (!e.isDirectory() && rules.file(shown) === 'ignore') continue;
      sink.skip(join(path, shown), 'file name is not UTF-8 (GBK?): rename it, e.g. convmv -f gbk -t utf-8, to convert it');
    }
    const unreadableNames = new Set(notUtf8.map((e) => e.name.toString('utf8')));
    entries = entries.filter((e) => !unreadableNames.has(e.name));
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (!passedOver(child)) await folder(child, join(real, entry.name));
      } else if (entry.isFile()) file(child, entry.name);
      else if (entry.isSymbolicLink()) await link(child, entry.name);
      else if (rules.file(entry.name) !== 'ignore') sink.skip(child, `special file (${specialKind(entry)})`);
    }
  };

  await folder(root, rootReal);
  // Links to folders last, so that a folder is read under its own path, and through a link only when nothing else reaches it.
  for (let i = 0; i < folderLinks.length; i++) {
    const { path, target } = folderLinks[i]!;
    const parentReal = await realpath(dirname(path)).catch(() => undefined);
    if (parentReal !== undefined && isWithin(parentReal, target)) sink.skip(path, 'link loop');
    else if (visited.has(target)) sink.skip(path, `link to a folder read already (${relative(rootReal, target).split(sep).join('/') || '.'})`);
    else if (!passedOver(path)) await folder(path, target);
  }
}
