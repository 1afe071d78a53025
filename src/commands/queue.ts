/** govreport enqueue / worker / status: a batch spread over several machines through Redis (BullMQ). */
import type { Command } from './args.js';

const notYet = async (): Promise<number> => {
  throw new Error('not built yet');
};

export const enqueueCommand: Command = { name: 'enqueue', summary: 'put files on a Redis queue for workers', usage: 'Usage: govreport enqueue <file-or-folder>... --redis <url> [-o <outdir>]\n', run: notYet };
export const workerCommand: Command = { name: 'worker', summary: 'convert files taken from a Redis queue', usage: 'Usage: govreport worker --redis <url> [--concurrency N]\n', run: notYet };
export const statusCommand: Command = { name: 'status', summary: 'show the progress of a Redis queue', usage: 'Usage: govreport status --redis <url>\n', run: notYet };
