import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventEmitter } from 'node:events';
import { isDatabaseUnavailable } from '../db/database-errors';
import type { Logger } from './log';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;

export interface UpgradeRouterOptions {
  log: Logger;
  /** Handles `/sync/*`. */
  sync: UpgradeHandler;
  /**
   * In dev, Next's own upgrades (hot reload) are re-emitted on the emitter Next was given as its
   * `httpServer`; in production they have no business here and are destroyed.
   */
  nextEmitter?: EventEmitter;
}

export const SYNC_PATH_PREFIX = '/sync/';

/** Retry-After of an upgrade refused because the database is unavailable (PROTOCOL W2). */
export const UNAVAILABLE_RETRY_AFTER_S = 5;
/** While the database is unavailable, one warning per this long for the upgrades it refuses. */
export const UNAVAILABLE_LOG_INTERVAL_MS = 10_000;

/**
 * Owns the HTTP `upgrade` event. Next attaches its own upgrade listener to whatever server it is
 * given and closes upgrades on paths that match an app route, so it is given a dummy emitter and
 * only sees what this router forwards.
 */
export function createUpgradeRouter(options: UpgradeRouterOptions): UpgradeHandler {
  const outage = { loggedAt: -Infinity, refused: 0 };
  return (req, socket, head) => {
    // Before any async work: an ECONNRESET during authentication would otherwise crash the process.
    socket.on('error', (err) => options.log.debug({ err }, 'upgrade socket error'));
    const url = req.url ?? '/';
    if (url.startsWith(SYNC_PATH_PREFIX)) {
      Promise.resolve(options.sync(req, socket, head)).catch((err) => {
        if (!isDatabaseUnavailable(err)) {
          options.log.error({ err, url }, 'sync upgrade failed');
          writeStatus(socket, 500, 'internal error');
          return;
        }
        // Every client retries while the database is away: one line per interval, not one each.
        const now = Date.now();
        if (now - outage.loggedAt >= UNAVAILABLE_LOG_INTERVAL_MS) {
          options.log.warn({ err: err instanceof Error ? err.message : String(err), refusedSinceLastLine: outage.refused }, 'sync upgrades refused with 503: the database is unavailable');
          outage.loggedAt = now;
          outage.refused = 0;
        }
        outage.refused++;
        writeStatus(socket, 503, 'the database is unavailable; try again shortly', { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) });
      });
      return;
    }
    if (options.nextEmitter && options.nextEmitter.listenerCount('upgrade') > 0) {
      options.nextEmitter.emit('upgrade', req, socket, head);
      return;
    }
    writeStatus(socket, 404, 'no WebSocket endpoint at this path');
  };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Refuses an upgrade with a plain HTTP response: browsers and scripts see an ordinary status. */
export function writeStatus(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: String(status), message } });
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n` +
      `Connection: close\r\nContent-Type: application/json\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
