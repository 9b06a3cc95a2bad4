import { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { until } from '../testing/sync-client';
import type { DocStore } from './doc-store';
import { SyncServer } from './sync-server';

const store: DocStore = {
  load: async () => ({ updates: [], lastId: 0, sinceSnapshot: 0, owners: new Map() }),
  append: async (records) => records.map((_, i) => i + 1),
  compact: async () => undefined,
  findDeletedReferences: async () => ({ projectGone: false, missingUserIds: [] }),
};

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
