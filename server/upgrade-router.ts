import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventEmitter } from 'node:events';
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

/**
 * Owns the HTTP `upgrade` event. Next attaches its own upgrade listener to whatever server it is
 * given and closes upgrades on paths that match an app route, so it is given a dummy emitter and
 * only sees what this router forwards.
 */
export function createUpgradeRouter(options: UpgradeRouterOptions): UpgradeHandler {
  return (req, socket, head) => {
    // Before any async work: an ECONNRESET during authentication would otherwise crash the process.
    socket.on('error', (err) => options.log.debug({ err }, 'upgrade socket error'));
    const url = req.url ?? '/';
    if (url.startsWith(SYNC_PATH_PREFIX)) {
      Promise.resolve(options.sync(req, socket, head)).catch((err) => {
        options.log.error({ err, url }, 'sync upgrade failed');
        writeStatus(socket, 500, 'internal error');
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
