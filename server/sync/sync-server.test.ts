import { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { until } from '../testing/sync-client';
import { MemoryDocStore } from '../testing/memory-doc-store';
import { SyncServer } from './sync-server';

const store = new MemoryDocStore();

describe('the sync server', () => {
  it('W15: destroys an upgrade whose authentication has not finished within the upgrade timeout', async () => {
    const server = new SyncServer({ store, log: createLogger('silent'), limits: { upgradeTimeoutMs: 50 } });
    const socket = new Duplex({ read() {}, write: (_chunk, _encoding, callback) => callback() });
    const upgrade = server.handleUpgrade({ headers: {} } as IncomingMessage, socket, Buffer.alloc(0), () => new Promise(() => undefined));
    await until(() => socket.destroyed, 'the socket to be destroyed', 2_000);
    expect(server.stats()).toEqual({ connections: 0, rooms: 0 });
    void upgrade;
    await server.close();
  });
});
