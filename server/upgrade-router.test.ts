import http from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createLogger } from './log';
import { createUpgradeRouter, writeStatus } from './upgrade-router';

const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(router: ReturnType<typeof createUpgradeRouter>): Promise<string> {
  const server = http.createServer((_req, res) => res.end());
  server.on('upgrade', router);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The HTTP status an upgrade attempt got back. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', (err) => reject(err));
  });
}

describe('the upgrade router', () => {
  const log = createLogger('silent');

  it('hands /sync/* to the sync handler', async () => {
    const seen: string[] = [];
    const url = await serve(
      createUpgradeRouter({
        log,
        sync: (req, socket) => {
          seen.push(req.url!);
          writeStatus(socket, 401, 'no');
        },
      }),
    );
    expect(await upgradeStatus(`${url}/sync/p1?token=x`)).toBe(401);
    expect(seen).toEqual(['/sync/p1?token=x']);
  });

  it("re-emits other upgrades on Next's emitter in dev", async () => {
    const nextEmitter = new EventEmitter();
    const forwarded: string[] = [];
    nextEmitter.on('upgrade', (req: http.IncomingMessage, socket) => {
      forwarded.push(req.url!);
      writeStatus(socket, 404, 'next says no');
    });
    const url = await serve(createUpgradeRouter({ log, sync: () => undefined, nextEmitter }));
    expect(await upgradeStatus(`${url}/_next/webpack-hmr`)).toBe(404);
    expect(forwarded).toEqual(['/_next/webpack-hmr']);
  });

  it('refuses other upgrades in production', async () => {
    const url = await serve(createUpgradeRouter({ log, sync: () => undefined }));
    expect(await upgradeStatus(`${url}/_next/webpack-hmr`)).toBe(404);
  });

  it('answers 500 when the sync handler throws, and the process survives', async () => {
    const url = await serve(
      createUpgradeRouter({
        log,
        sync: async () => {
          throw new Error('boom');
        },
      }),
    );
    expect(await upgradeStatus(`${url}/sync/p1`)).toBe(500);
  });
});
