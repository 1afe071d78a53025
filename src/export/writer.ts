/** What the three dataset formats share: a writer takes one report's rows at a time. */
import type { ReportRows } from './tables.js';

export interface DatasetWriter {
  /** Adds one report with its cells and problems; called in report_id order. */
  add(rows: ReportRows): Promise<void>;
  /** Writes out what is pending and closes the (temporary) files: they are complete. */
  close(): Promise<void>;
  /** Releases what the writer holds after a failure; the caller removes the files. */
  abort(): void;
  /** Things the person running the export should know about the data written (stderr). */
  notes(): string[];
}
