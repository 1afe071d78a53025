/**
 * Opening a Word package: the zip, its parts, and the refusals a user
 * needs to understand (not a zip, not a Word document, password-protected).
 */
import JSZip from 'jszip';
import type { XmlElement } from './xml.js';
import { parseXml } from './xml.js';

export interface WordPackage {
  document: XmlElement;
  numbering?: XmlElement;
  styles?: XmlElement;
  /** dc:title of docProps/core.xml. */
  title?: string;
  macros: boolean;
  /** Media parts and their uncompressed sizes; never decompressed. */
  media: Array<{ name: string; bytes: number }>;
}

export class PackageError extends Error {}

/** Parts above this are refused rather than parsed: a real report's document.xml is a few MB (a zip bomb is not). */
const maxPartBytes = 64 * 1024 * 1024;

/**
 * A part's bytes, inflated through a count that stops at `maxPartBytes`: the
 * sizes a zip declares can lie (a zip64 entry jszip reads as negative, a
 * forged header), the inflated bytes cannot.
 */
function inflateBounded(file: JSZip.JSZipObject, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let settled = false;
    const stop = (error: Error) => {
      if (settled) return;
      settled = true;
      stream.pause();
      reject(error);
    };
    const stream = file.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        if (settled) return;
        total += chunk.length;
        if (total > maxPartBytes) return stop(new PackageError(`${name} unpacks to more than ${maxPartBytes / 2 ** 20} MB, more than a report can hold`));
        chunks.push(chunk);
      })
      .on('error', (error: Error) => stop(new PackageError(`${name} cannot be unpacked (damaged file): ${error.message}`)))
      .on('end', () => {
        if (settled) return;
        settled = true;
        resolve(new TextDecoder().decode(Buffer.concat(chunks)));
      });
  });
}

async function readPart(zip: JSZip, name: string): Promise<XmlElement | undefined> {
  const file = zip.file(name);
  if (!file) return undefined;
  const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (size > maxPartBytes) throw new PackageError(`${name} unpacks to ${Math.round(size / 2 ** 20)} MB, more than a report can hold`);
  const xml = parseXml(await inflateBounded(file, name));
  if (!xml) throw new PackageError(`${name} is not well-formed XML (damaged file)`);
  return xml;
}

export async function openPackage(bytes: Uint8Array): Promise<WordPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new PackageError(`Not a valid .docx (not a readable zip archive: ${(error as Error).message})`);
  }
  const document = await readPart(zip, 'word/document.xml');
  if (!document) throw new PackageError('Not a Word document: the archive has no word/document.xml');
  const core = zip.file('docProps/core.xml') ? await readPart(zip, 'docProps/core.xml') : undefined;
  const title = core ? [...Array.from(core.getElementsByTagName('dc:title'))][0]?.textContent?.trim() : undefined;
  const media = Object.values(zip.files)
    .filter((f) => !f.dir && f.name.startsWith('word/media/'))
    .map((f) => ({ name: f.name, bytes: (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0 }));
  return {
    document,
    numbering: await readPart(zip, 'word/numbering.xml'),
    styles: await readPart(zip, 'word/styles.xml'),
    title: title || undefined,
    macros: zip.file('word/vbaProject.bin') !== null,
    media,
  };
}
