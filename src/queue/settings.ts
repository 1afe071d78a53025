/**
 * Every default and threshold of queue mode (enqueue / worker / status),
 * named, in one place, with why its value is what it is.
 */
export const queueSettings = {
  /** Queue used when --queue is not given. */
  queueName: 'govreport',
  /**
   * Attempts of a job before it is failed for good. A job fails only when its
   * input is missing, its JSON cannot be written, or its OCR engine was killed
   * or could not run (a file the pipeline cannot read is a FILE_UNREADABLE
   * report, not a failure), i.e. when the shared storage hiccups or the worker
   * is being stopped: five attempts ride out a mount that is back within a minute.
   */
  attempts: 5,
  /** First retry delay; BullMQ doubles it after each attempt: 5 + 10 + 20 + 40 s ≈ 75 s in all with 5 attempts. */
  backoffMs: 5000,
  /**
   * How long a worker's lock on a job lasts without renewal (BullMQ renews it
   * every half of this while the job runs). When a worker dies (SIGKILL, lost
   * machine), its job goes back to the queue between one and two of these later.
   * Conversion runs in worker processes, so the event loop that renews the lock
   * is never blocked by a long file: 30 s is BullMQ's default and plenty.
   */
  lockSeconds: 30,
  /**
   * A job whose workers died more than this many times while holding it is
   * failed ("stalled more than allowable limit") instead of being handed out
   * again: whatever kills workers on a file (the OOM killer, a machine brought
   * down) must not take down worker after worker. 2 rides out a preempted
   * machine plus one more.
   */
  maxStalledCount: 2,
  /** Jobs added per Redis round trip: a million inputs become a thousand calls of a few hundred kB, not one giant one. */
  enqueueChunk: 1000,
  /** Start-up: a Redis that does not answer within this is reported as unreachable (exit 1) instead of retried forever. */
  connectTimeoutMs: 10_000,
  /** Throughput in `status` is measured over the jobs finished in the last this many ms. */
  throughputWindowMs: 5 * 60_000,
  /** …looking at no more than this many of the most recently completed jobs (enough for 200 files/min over 5 min). */
  throughputSample: 1000,
  /** Failures `status` shows, most recent first. */
  recentFailures: 5,
  /**
   * Characters of a text from a job (a path, a version, a failure reason) printed in any message, log line
   * or `status`; the rest is counted ("… and N more characters"). Real paths are far shorter; a job written
   * by hand into Redis may hold megabytes.
   */
  printedChars: 500,
  /** A worker repeats the same Redis error at most this often on stderr (a Redis that is down errors on every reconnect). */
  redisErrorRepeatMs: 30_000,
} as const;
