import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { isRole } from '../../lib/roles';
import { createLogger } from '../log';
import { tokenCredential } from '../services/credentials';
import type { UpgradeAuthResult } from '../sync/authenticate-upgrade';
import { SyncServer, type SyncServerOptions } from '../sync/sync-server';
import { createUpgradeRouter } from '../upgrade-router';

export interface BareSyncServer {
  /** `ws://127.0.0.1:<port>/sync`, for a WebsocketProvider. */
  url: string;
  sync: SyncServer;
  close(): Promise<void>;
}

/**
 * The sync server alone on port 0, without Next or a database: for tests whose store fails at will.
 * Upgrades are decided by `authenticate`; by default `trustQuery`. Test-only.
 */
export async function startBareSyncServer(
  options: Partial<SyncServerOptions> & Pick<SyncServerOptions, 'store'> & { authenticate?: (req: IncomingMessage) => Promise<UpgradeAuthResult> },
): Promise<BareSyncServer> {
  const sync = new SyncServer({ log: createLogger('silent'), ...options });
  const authenticate = options.authenticate ?? trustQuery;
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  // The app's own router: an authentication that throws is answered 500, as in production.
  server.on('upgrade', createUpgradeRouter({ log: createLogger('silent'), sync: (req, socket, head) => sync.handleUpgrade(req, socket, head, () => authenticate(req)) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/sync`,
    sync,
    async close() {
      await sync.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Believes `?user=<id>&role=<role>` (a `token` parameter, if any, is only the credential: `token:<it>`). */
export async function trustQuery(req: IncomingMessage): Promise<UpgradeAuthResult> {
  const url = new URL(req.url ?? '/', 'http://upgrade.invalid');
  const userId = url.searchParams.get('user') ?? '';
  const role = url.searchParams.get('role') ?? 'lead';
  if (!userId || !isRole(role)) return { ok: false, status: 401, message: 'user and role expected' };
  const token = url.searchParams.get('token');
  return {
    ok: true,
    projectId: url.pathname.slice('/sync/'.length),
    user: { id: userId, email: `${userId}@example.com`, name: userId },
    principal: { userId, role },
    query: url.searchParams,
    credentialId: token ? tokenCredential(token) : undefined,
  };
}
