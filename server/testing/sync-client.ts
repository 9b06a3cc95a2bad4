import { WebSocket } from 'ws';
import { ClientRoom } from '../../lib/sync/client-room';

/** A ClientRoom in Node, authenticated with an API token, against a running app. */
export function connectRoom(baseUrl: string, projectId: string, token: string): ClientRoom {
  return new ClientRoom({
    serverUrl: `${baseUrl.replace(/^http/, 'ws')}/sync`,
    projectId,
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

/** Polls `check` until it returns true (never sleeps a fixed time for an outcome). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function synced(room: ClientRoom): Promise<void> {
  await until(() => room.snapshot.synced, 'the first sync');
}
