/**
 * What a failed query says about the database, through the wrappers drizzle and better-auth put
 * around the driver's error (`cause`). Shared by the save queue and the upgrade router.
 */

/** Node's socket errors and PostgreSQL's connection-class SQLSTATEs (08xxx, 57P01-57P03). */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

/** What node-postgres says when a connection dies or is never made, without a code. */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** The error and what it wraps, outermost first (at most a few levels). */
function chain(err: unknown): Array<{ code?: unknown; message?: unknown }> {
  const out: Array<{ code?: unknown; message?: unknown }> = [];
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    out.push(e as { code?: unknown; message?: unknown });
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** The database could not be reached or dropped the connection: the query itself was fine. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return chain(err).some((e) => (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) || (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)));
}

/** PostgreSQL's foreign_key_violation (SQLSTATE 23503), on the error or on what it wraps. */
export function isForeignKeyViolation(err: unknown): boolean {
  return chain(err).some((e) => e.code === '23503');
}
