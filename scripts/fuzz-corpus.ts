/**
 * A deterministic fuzz corpus: a few hundred mutants of the bundled samples
 * (HTML, DOCX, PDF, a text export, PNG and JPEG scans), made by a seeded
 * generator so that every run and every machine gets the same bytes. The
 * mutations are the damage archives show and attackers try: cut short, bytes
 * flipped or zeroed, chunks repeated or inserted, the wrong extension, a Word
 * package with a broken or bloated part, pages nested deep, text with binary
 * lines. `tests/fuzz.test.ts` converts the whole corpus in a batch;
 * `npm run samples:fuzz -- DIR` writes it to DIR to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import JSZip from 'jszip';
import { repoRoot } from '../src/eval/truth.js';

export interface Mutant {
  name: string;
  bytes: Uint8Array;
}

/** mulberry32: small, fast, and the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (bytes: Buffer, rnd: () => number) => Buffer;

const at = (rnd: () => number, n: number) => Math.floor(rnd() * n);

/** Byte-level damage, any format. */
const byteMutations: Record<string, Mutation> = {
  truncated: (b, rnd) => b.subarray(0, at(rnd, b.length)),
  flipped: (b, rnd) => {
    const c = Buffer.from(b);
    for (let i = 0, n = 1 + at(rnd, 16); i < n; i++) {
      const k = at(rnd, c.length);
      c[k] = c[k]! ^ (1 << at(rnd, 8));
    }
    return c;
  },
  zeroed: (b, rnd) => {
    const c = Buffer.from(b);
    const from = at(rnd, c.length);
    c.fill(0, from, Math.min(c.length, from + 1 + at(rnd, 4096)));
    return c;
  },
  repeated: (b, rnd) => {
    const from = at(rnd, b.length);
    const chunk = b.subarray(from, Math.min(b.length, from + 1 + at(rnd, 2048)));
    return Buffer.concat([b.subarray(0, from), chunk, chunk, chunk, b.subarray(from)]);
  },
  inserted: (b, rnd) => {
    const from = at(rnd, b.length);
    const noise = Buffer.from(Array.from({ length: 1 + at(rnd, 512) }, () => at(rnd, 256)));
    return Buffer.concat([b.subarray(0, from), noise, b.subarray(from)]);
  },
  headerOnly: (b) => b.subarray(0, 16),
};

/** HTML that is valid bytes but hostile structure. */
const htmlMutations: Record<string, Mutation> = {
  deepDivs: (b, rnd) => Buffer.from(b.toString('utf8').replace('<body>', `<body>${'<div>'.repeat(500 + at(rnd, 5000))}`)),
  unclosedTables: (b, rnd) => Buffer.from(b.toString('utf8').replace(/<\/table>/g, () => (rnd() < 0.5 ? '' : '</table>'))),
  hugeAttribute: (b) => Buffer.from(b.toString('utf8').replace('<body>', `<body data-x="${'x'.repeat(2_000_000)}">`)),
  cellsShuffled: (b, rnd) => Buffer.from(b.toString('utf8').replace(/<td>(\d+)<\/td>/g, () => `<td>${rnd() < 0.3 ? '' : at(rnd, 100000)}</td>`)),
};

/** Text exports with binary lines, long lines and tab storms. */
const textMutations: Record<string, Mutation> = {
  binaryLines: (b, rnd) => Buffer.concat([b, Buffer.from(Array.from({ length: 4096 }, () => at(rnd, 256)))]),
  oneLine: (b) => Buffer.from(b.toString('utf8').replace(/\s+/g, '')),
  tabStorm: (b, rnd) => Buffer.from(b.toString('utf8').replace(/\t/g, () => '\t'.repeat(1 + at(rnd, 50)))),
  digitsRunTogether: (b) => Buffer.from(b.toString('utf8').replace(/\t(\d+)/g, '$1')),
};

/** Word packages whose parts are damaged, not their zip. */
async function docxMutants(seed: Buffer, rnd: () => number, count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const zip = await JSZip.loadAsync(seed);
    const xml = await zip.file('word/document.xml')!.async('string');
    const kind = i % 4;
    if (kind === 0) zip.file('word/document.xml', xml.slice(0, at(rnd, xml.length)));
    else if (kind === 1) zip.file('word/document.xml', xml.replace(/<w:tc>/g, () => (rnd() < 0.2 ? '<w:tc><w:tbl><w:tr><w:tc>' : '<w:tc>')));
    else if (kind === 2) zip.file('word/document.xml', xml.replace(/w:gridSpan w:val="\d+"/g, () => `w:gridSpan w:val="${at(rnd, 100000)}"`));
    else zip.remove('word/styles.xml').file('word/numbering.xml', '<w:numbering>broken');
    out.push(Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })));
  }
  return out;
}

function image(kind: 'png' | 'jpeg'): Buffer {
  const canvas = createCanvas(320, 200);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 320, 200);
  ctx.strokeStyle = '#000';
  for (let x = 20; x <= 300; x += 70) ctx.strokeRect(x, 20, 70, 40);
  return Buffer.from(kind === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg'));
}

const seedText = [
  '某某县人民政府2021年政府信息公开工作年度报告',
  '三、收到和处理政府信息公开申请情况',
  '\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
  '一、本年新收政府信息公开申请数量\t\t12\t1\t0\t0\t0\t1\t14',
  '二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1',
].join('\n');

/** The corpus: the same list of mutants, byte for byte, on every call. */
export async function fuzzCorpus(): Promise<Mutant[]> {
  const root = repoRoot();
  const rnd = random(20_261_130);
  const seeds: Array<{ name: string; bytes: Buffer; ext: string; extra: Record<string, Mutation>; count: number }> = [
    { name: 'html-official', bytes: readFileSync(join(root, 'samples/html/clean-2021-utf8.html')), ext: 'html', extra: htmlMutations, count: 40 },
    { name: 'html-gbk', bytes: readFileSync(join(root, 'samples/html/gbk-undeclared.html')), ext: 'html', extra: htmlMutations, count: 30 },
    { name: 'html-flat', bytes: readFileSync(join(root, 'samples/html/flattened-no-spans.html')), ext: 'html', extra: htmlMutations, count: 30 },
    { name: 'docx', bytes: readFileSync(join(root, 'samples/docx/lo-2019.docx')), ext: 'docx', extra: {}, count: 40 },
    { name: 'pdf', bytes: readFileSync(join(root, 'samples/pdf/lo-2019.pdf')), ext: 'pdf', extra: {}, count: 40 },
    { name: 'txt', bytes: Buffer.from(seedText), ext: 'txt', extra: textMutations, count: 30 },
    { name: 'png', bytes: image('png'), ext: 'png', extra: {}, count: 20 },
    { name: 'jpeg', bytes: image('jpeg'), ext: 'jpg', extra: {}, count: 20 },
  ];
  const corpus: Mutant[] = [];
  for (const seed of seeds) {
    const mutations = Object.entries({ ...byteMutations, ...seed.extra });
    for (let i = 0; i < seed.count; i++) {
      const [how, mutate] = mutations[i % mutations.length]!;
      // Every seventh mutant is also named as another format: the bytes, not the name, must decide.
      const ext = i % 7 === 6 ? ['pdf', 'docx', 'html', 'txt', 'doc', 'png'][at(rnd, 6)]! : seed.ext;
      corpus.push({ name: `${seed.name}-${String(i).padStart(2, '0')}-${how}.${ext}`, bytes: mutate(seed.bytes, rnd) });
    }
    if (seed.ext === 'docx') {
      for (const [i, bytes] of (await docxMutants(seed.bytes, rnd, 12)).entries()) corpus.push({ name: `docx-part-${String(i).padStart(2, '0')}.docx`, bytes });
    }
  }
  return corpus;
}

if (process.argv[1]?.endsWith('fuzz-corpus.js')) {
  const folder = process.argv[2] ?? join(repoRoot(), 'output', 'fuzz-corpus');
  mkdirSync(folder, { recursive: true });
  const corpus = await fuzzCorpus();
  for (const m of corpus) writeFileSync(join(folder, m.name), m.bytes);
  console.log(`${corpus.length} mutants in ${folder}`);
}
