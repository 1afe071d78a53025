/** govreport keys: the cell dictionary on the command line. */
import { parseArgs } from 'node:util';
import { type CellEntry, type DictionaryVersion, cellDictionary, cellDictionaryOf } from '../dictionary/cells.js';
import { type Command, UsageError } from './args.js';

const versions: DictionaryVersion[] = ['2021', '2019', 'pre2019'];

const usage = `Usage: govreport keys [--format 2019|2021|pre2019] [--json]

Lists every cell key a report can have (all formats, or the keys of one
format version): where the official format prints it (row and column label
in Chinese), its kind of value (count, signedCount, money) and unit, the
format versions that have it, the arithmetic rules it takes part in (as
code:where, e.g. T3_ROW_TOTAL:newReceived) and an English gloss.
Tab-separated with a header line, or with --json the dictionary entries.
The same list is in schema/cells.csv and schema/cells.json, and in the
cell_dictionary table of every export.

Options:
  --format <version>   only the keys of 2021, 2019 or pre2019 reports
  --json               the entries as a JSON array
  -h, --help           this text
`;

const columns: Array<[string, (e: CellEntry) => string]> = [
  ['key', (e) => e.key],
  ['row', (e) => [e.rowGroup, e.rowLabel].filter((l) => l !== null).join(' › ')],
  ['column', (e) => e.columnLabel ?? ''],
  ['also printed as', (e) => e.alsoPrintedAs ?? ''],
  ['kind', (e) => (e.unit ? `${e.kind} (${e.unit})` : e.kind)],
  ['versions', (e) => e.versions.join(' ')],
  ['rules', (e) => e.rules.join(' ')],
  ['gloss', (e) => e.gloss],
];

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new UsageError(`keys takes no arguments, only options (got "${positionals[0]}")`);
  const format = values.format as DictionaryVersion | undefined;
  if (format !== undefined && !versions.includes(format)) throw new UsageError(`--format must be one of ${versions.join(', ')}, not "${format}"`);
  const entries = format === undefined ? cellDictionary() : cellDictionaryOf(format);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const lines = [columns.map(([name]) => name).join('\t'), ...entries.map((e) => columns.map(([, value]) => value(e)).join('\t'))];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export const keysCommand: Command = {
  name: 'keys',
  summary: 'list the cell keys with their Chinese labels, kinds and rules',
  usage,
  run,
};
