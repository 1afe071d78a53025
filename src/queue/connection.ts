/**
 * The Redis connection of queue mode. At start-up Redis must answer at once:
 * an unreachable or refusing server is one clear error (exit 1), not a silent
 * retry loop. Once connected, a worker rides out a Redis restart by
 * reconnecting with backoff.
 *
 * BullMQ is given a client we construct (its ESM build cannot load ioredis
 * itself); it duplicates that client for the worker's blocking connection and
 * leaves the original to us to close.
 */
import { Redis } from 'ioredis';
import { queueSettings } from './settings.js';

/** Redis cannot be reached or refuses us at start-up. */
export class RedisUnreachableError extends Error {}

/**
 * The URL as it may be printed: a password in it is masked. Everything up to
 * the last "@" is credentials (as URL parsers read it: a password may hold an
 * "@" or "/" its writer did not percent-encode).
 */
export function redactedUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/)(.*)@/i, (_, scheme: string, auth: string) => {
    const user = auth.includes(':') ? auth.slice(0, auth.indexOf(':')) : '';
    return `${scheme}${user}:***@`;
  });
}

/**
 * An unconnected client for `url`. ioredis reads user, password, host, port
 * and db from the URL, and turns TLS on for rediss:// only when the scheme is
 * written in lower case: the scheme is lowered here, so that REDISS:// is TLS too.
 */
export function redisClient(url: string, { waitForRedis = false, onceConnected = (): boolean => false } = {}): Redis {
  const normalized = url.replace(/^rediss?:\/\//i, (scheme) => scheme.toLowerCase());
  return new Redis(normalized, {
    lazyConnect: true,
    connectTimeout: queueSettings.connectTimeoutMs,
    ...(waitForRedis ? { maxRetriesPerRequest: null } : {}),
    // Before the first connection: fail at once. After: retry with backoff up to 5 s, as ioredis does by default.
    retryStrategy: (times) => (onceConnected() ? Math.min(times * 200, 5000) : null),
  });
}

/**
 * Connects to Redis and checks that it answers. Rejects with
 * RedisUnreachableError (and leaves nothing open) when it cannot.
 * The client reconnects on its own after the first successful connection.
 * @param waitForRedis a worker's commands wait for a lost Redis to come back
 *   however long it takes (BullMQ requires that of the connections it blocks
 *   on); enqueue and status fail after ioredis's 20 retries instead of hanging
 */
export async function connectRedis(url: string, { waitForRedis = false } = {}): Promise<Redis> {
  let connected = false;
  const client = redisClient(url, { waitForRedis, onceConnected: () => connected });
  // The socket's error (ECONNREFUSED, ENOTFOUND…) arrives as an event; connect() then only says "Connection is closed".
  let socketError: unknown;
  const keep = (error: unknown) => (socketError ??= error);
  client.on('error', keep);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    // A client that gave up is closed already; disconnect() would then hold the process for its 2 s socket-close timer.
    if (client.status !== 'end') client.disconnect();
    throw new RedisUnreachableError(`cannot connect to Redis at ${redactedUrl(url)}: ${describeRedisError(socketError ?? error)}`);
  }
  connected = true;
  client.off('error', keep);
  return client;
}

/** One line for a Redis or socket error. */
export function describeRedisError(error: unknown): string {
  const e = error as Error & { code?: string; errors?: Error[] };
  // Node's AggregateError (IPv4 and IPv6 both refused) has an empty message.
  if (!e.message && e.errors?.length) return e.errors.map((x) => x.message).join('; ');
  return (e.message || e.code || String(error)).split('\n')[0]!;
}

/** Closes a client we made: QUIT when it is connected, else just drops the socket. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
}
