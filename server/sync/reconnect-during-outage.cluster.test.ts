import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { IncomingMessage } from 'node:http';
import { startBareSyncServer, trustQuery, type BareSyncServer } from '../testing/bare-sync-server';
import { MemoryDocStore } from '../testing/memory-doc-store';
import { until } from '../testing/sync-client';

const PROJECT = 'grace-cluster-song';
const servers: BareSyncServer[] = [];
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  providers.splice(0).forEach((p) => p.destroy());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function connect(server: BareSyncServer, user: string, role: string): WebsocketProvider {
  const provider = new WebsocketProvider(server.url, PROJECT, new Y.Doc(), {
    params: { user, role, token: `token-of-${user}` },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return provider;
}

/** The close codes `provider` sees; after 4401 it stops, as Mixroom's client does (a stock provider would reconnect). */
function closeCodes(provider: WebsocketProvider): number[] {
  const codes: number[] = [];
  provider.on('connection-close', (event) => {
    if (!event) return;
    codes.push(event.code);
    if (event.code === 4401) provider.shouldConnect = false;
  });
  return codes;
}

/** The HTTP status of an upgrade refused, or 101 when it opened. */
function upgradeStatus(server: BareSyncServer, user: string, role: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url}/${PROJECT}?user=${user}&role=${role}&token=token-of-${user}`);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

/**
 * Two instances through the machine's Redis (a prefix of their own), sharing a store. Every
 * authentication fails while `database.down`, as a lookup in a database that is away does.
 */
async function twoInstances(): Promise<{ a: BareSyncServer; b: BareSyncServer; database: { down: boolean } }> {
  const database = { down: false };
  const authenticate = async (req: IncomingMessage) => {
    if (database.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    return trustQuery(req);
  };
  const cluster = { redisUrl: 'redis://127.0.0.1:6379', prefix: `grace-${crypto.randomBytes(4).toString('hex')}:` };
  const store = new MemoryDocStore();
  const a = await startBareSyncServer({ store, authenticate, cluster });
  const b = await startBareSyncServer({ store, authenticate, cluster });
  servers.push(a, b);
  return { a, b, database };
}

describe('reconnecting while the database is away, several instances (W20, C7)', () => {
  it('W20, C7: a member removed through another instance is no longer admitted on the remembered decision', async () => {
    const { a, b, database } = await twoInstances();
    // The room is live on B (the lead stays); Ann and Max connected there once.
    const lead = connect(b, 'lea', 'lead');
    const ann = connect(b, 'ann', 'mixer');
    const max = connect(b, 'max', 'mixer');
    await until(() => [lead, ann, max].every((p) => p.synced), 'three clients on B');
    ann.destroy();
    max.destroy();

    // Ann is removed on A; B hears it through Redis.
    a.sync.updateMember(PROJECT, 'ann', undefined);
    // Max's role change arrives the same way: B forgets it too (the next answer from the database decides).
    a.sync.updateMember(PROJECT, 'max', 'reviewer');
    const annStatus = async () => {
      database.down = true;
      try {
        return await upgradeStatus(b, 'ann', 'mixer');
      } finally {
        database.down = false;
      }
    };
    await until(async () => (await annStatus()) === 500, "B to forget Ann's decision");
    database.down = true;
    expect(await upgradeStatus(b, 'max', 'mixer')).toBe(500);
    // The lead, whom nothing changed, is still admitted on the decision B remembers.
    expect(await upgradeStatus(b, 'lea', 'lead')).toBe(101);
  }, 30_000);

  it('W21, C7: a token revoked through another instance closes its socket here with 4401 and is no longer admitted on the remembered decision', async () => {
    const { a, b, database } = await twoInstances();
    const lead = connect(b, 'lea', 'lead');
    const ann = connect(b, 'ann', 'mixer');
    const closes = closeCodes(ann);
    await until(() => lead.synced && ann.synced, 'two clients on B');

    a.sync.endCredential('token:token-of-ann');
    await until(() => closes.includes(4401), "Ann's socket on B to be closed with 4401");
    database.down = true;
    expect(await upgradeStatus(b, 'ann', 'mixer')).toBe(500);
    // The lead's socket and remembered decision are untouched.
    expect(lead.wsconnected).toBe(true);
    expect(await upgradeStatus(b, 'lea', 'lead')).toBe(101);
  }, 30_000);
});

describe('credentials checked again (W21)', () => {
  it('W21: a token revoked where this instance never heard of it (its C7 message lost) is found at the recheck and closed with 4401; a valid one stays', async () => {
    // What the database holds: the tokens still valid.
    const valid = new Set(['token:token-of-lea', 'token:token-of-ann']);
    const server = await startBareSyncServer({
      store: new MemoryDocStore(),
      credentialRecheckMs: 200,
      credentialsExpireAt: async (ids) => new Map(ids.filter((id) => valid.has(id)).map((id) => [id, null])),
    });
    servers.push(server);
    const lead = connect(server, 'lea', 'lead');
    const ann = connect(server, 'ann', 'mixer');
    const closes = closeCodes(ann);
    await until(() => lead.synced && ann.synced, 'two clients');
    // Rechecked and still valid: nothing happens.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(closes).toEqual([]);
    valid.delete('token:token-of-ann');
    await until(() => closes.includes(4401), "Ann's socket to be closed with 4401 at a recheck");
    expect(lead.wsconnected).toBe(true);
  }, 30_000);
});
