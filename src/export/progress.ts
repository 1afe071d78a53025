/** Progress of an export on a terminal: one line redrawn, n/total. Nothing when stderr is a file or a pipe. */
import { exportSettings } from './settings.js';

export class ExportProgress {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(phase: string, done: number, total: number, unit: string): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (done < total && now - this.lastDraw < exportSettings.progressIntervalMs) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r${phase} ${done}/${total} ${unit}\x1b[K`);
  }

  /** A step without a count (the writer's last step). */
  say(text: string): void {
    if (!this.stream.isTTY) return;
    this.drawn = true;
    this.stream.write(`\r${text}\x1b[K`);
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
