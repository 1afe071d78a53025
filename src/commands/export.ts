/** govreport export: an output folder → one dataset file (SQLite, Parquet or CSV). */
import type { Command } from './args.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'turn an output folder into a .sqlite, .parquet or .csv dataset',
  usage: 'Usage: govreport export <outdir> --to <file.sqlite|file.parquet|file.csv>\n',
  async run() {
    throw new Error('export: not built yet');
  },
};
