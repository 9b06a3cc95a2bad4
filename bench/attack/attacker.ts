/**
 * The attacker of bench:attack, in a process of its own so that making and sending its updates
 * never slows the honest clients being measured. Started by attack.bench.ts with its orders in the
 * environment; reports its statistics over IPC and exits.
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import { ensureRoots, setStripParam } from '../../lib/doc';
import { editOf, gcFlood, replicaAs } from '../../server/testing/crafted-updates';
import { syncFrame } from '../../server/testing/raw-socket';
import type { AttackOrders, AttackStats } from './orders';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every frame the attack will send, made before it starts. */
function frames(orders: AttackOrders): Uint8Array[] {
  const live = new Y.Doc();
  Y.applyUpdate(live, Buffer.from(orders.state, 'base64'));
  const frame = (update: Uint8Array) => syncFrame((e) => syncProtocol.writeUpdate(e, update));
  switch (orders.attack) {
    case 'reviewer-gc':
    case 'mixer-gc':
      return [frame(gcFlood(200_000))];
    case 'mixer-forbidden':
      return Array.from({ length: 50 }, (_, i) => frame(editOf(replicaAs(live), (d) => setStripParam(d, 'theirs', 'gainDb', -i))));
    case 'mixer-heavy': {
      const doc = replicaAs(live);
      return Array.from({ length: 20 }, () =>
        frame(
          editOf(doc, (d) =>
            d.transact(() => {
              const strip = ensureRoots(d).tracks.get('mine')!.get('strip') as Y.Map<unknown>;
              for (let i = 0; i < 20_000; i++) strip.set('gainDb', -(i % 60));
            }),
          ),
        ),
      );
    }
  }
}

async function run(orders: AttackOrders): Promise<AttackStats> {
  const all = frames(orders);
  const stats: AttackStats = { connections: 0, updates: 0, bytes: 0, closes: {} };
  const stopAt = Date.now() + orders.ms;
  let next = 0;
  while (Date.now() < stopAt) {
    const ws = new WebSocket(`${orders.base.replace('http', 'ws')}/sync/${orders.projectId}?token=${orders.token}`);
    ws.on('error', () => undefined);
    const closed = new Promise<void>((resolve) =>
      ws.once('close', (code) => {
        stats.closes[code] = (stats.closes[code] ?? 0) + 1;
        resolve();
      }),
    );
    const opened = await Promise.race([new Promise<boolean>((r) => ws.once('open', () => r(true))), closed.then(() => false)]);
    if (!opened) continue;
    stats.connections++;
    while (ws.readyState === ws.OPEN && Date.now() < stopAt) {
      if (ws.bufferedAmount > 4 * 1024 * 1024) {
        await sleep(1);
        continue;
      }
      const frame = all[next++ % all.length];
      ws.send(frame);
      stats.updates++;
      stats.bytes += frame.length;
      await sleep(0);
    }
    if (ws.readyState === ws.OPEN) ws.terminate();
    await closed;
  }
  return stats;
}

run(JSON.parse(process.env.ATTACK_ORDERS!) as AttackOrders).then(
  (stats) => process.send!(stats, () => process.exit(0)),
  (err) => {
    process.stderr.write(`attacker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
