import { CLOSE_SAVES_BACKLOGGED } from '../../lib/sync/saved-message';

/**
 * WebSocket close codes of /sync. The stock y-websocket client stops reconnecting on 4400-4499
 * (permanent, like HTTP 4xx) and reconnects on everything else, so permanent refusals live in
 * that range and transient conditions outside it. Documented in PROTOCOL.md.
 */
export const CLOSE_CODES = {
  /** A frame that is not a valid message of this protocol. Permanent: a broken client must not loop. */
  INVALID_MESSAGE: 4400,
  /** The session or token behind the connection ended. */
  UNAUTHORIZED: 4401,
  /** The user is no longer a member of the project. */
  ACCESS_REVOKED: 4403,
  /** The project was deleted. */
  PROJECT_GONE: 4404,
  /** A frame larger than the limit. */
  MESSAGE_TOO_LARGE: 4413,
  /** Too many messages or bytes per second. */
  RATE_LIMITED: 4429,
  /** The room could not be loaded from the database; try again. */
  ROOM_LOAD_FAILED: 4500,
  /** The server is shutting down or restarting; reconnect (to it or another instance). */
  SERVER_RESTART: 4501,
  /** Too many connections or awareness states right now; reconnect later. */
  OVERLOADED: 4502,
  /**
   * The server cannot save edits right now (its save queue is full: PROTOCOL W19). The edit that
   * met it was not taken; the client keeps it and sends it again after reconnecting.
   */
  SAVES_BACKLOGGED: CLOSE_SAVES_BACKLOGGED,
  /** Nothing was heard from the socket for too long; a live client reconnects. */
  IDLE_TIMEOUT: 4508,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

export function isPermanent(code: number): boolean {
  return code >= 4400 && code <= 4499;
}
