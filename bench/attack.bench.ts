/**
 * What one attacker costs everyone else: `npm run bench:attack` (= `tsx bench/attack.bench.ts`).
 * Needs `npm run build` first.
 *
 * Our production server (`node dist/main.mjs`) on PGlite (BENCH_DB=postgres for the machine's
 * PostgreSQL) serves three projects: the attacked one, a bystander project where an honest client
 * edits a fader 10 times a second while a second client watches, and untouched projects that a new
 * client joins every 500 ms. For each phase the bench reports the honest round trip (edit -> the
 * watcher has it, and edit -> Saved), the time to join an untouched project, the server's event-loop
 * lag (p99 from /metrics) and what the attacker got through. The first phase has no attacker: it is
 * the reference the others are compared with, in the same run.
 *
 * The attacker reconnects as soon as it is closed and sends as fast as the socket drains:
 *   reviewer-gc      a reviewer's 1.4 MB update of 200,000 GC structs under invented client ids
 *   mixer-gc         the same from a mixer
 *   mixer-forbidden  a mixer's update that passes the reader and fails on a forbidden path (the
 *                    gate applies it to the shadow, then rebuilds the shadow)
 *   mixer-heavy      a mixer's permitted updates of 20,000 writes each (applied, saved, fanned out)
 *
 * Environment: BENCH_DB [pglite], BENCH_PHASE_S [10], BENCH_PHASES [baseline,reviewer-gc,mixer-gc,
 * mixer-forbidden,mixer-heavy].
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import { createTrack, ensureRoots, setStripParam } from '../lib/doc';
import type { ClientRoom } from '../lib/sync/client-room';
import { connectRoom } from '../server/testing/sync-client';
import { ATTACKS, type Attack, type AttackOrders, type AttackStats } from './attack/orders';
import { checkBuild, cleanupAll, createPgDatabase, ROOT, startOurs } from './sync/servers';
import { fmtMs, percentile as percentileSorted, sortWithMissing } from './sync/stats';

const percentile = (samples: number[], q: number) => percentileSorted(sortWithMissing(samples, 0), q);

const env = (name: string, fallback: string) => process.env[name] || fallback;
const PHASE_S = Number(env('BENCH_PHASE_S', '10'));
const PHASES = env('BENCH_PHASES', 'baseline,reviewer-gc,mixer-gc,mixer-forbidden,mixer-heavy').split(',');
const DB = env('BENCH_DB', 'pglite');
const print = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(base: string, p: string, init: { json?: unknown; cookie?: string; token?: string; method?: string }): Promise<Response> {
  const headers: Record<string, string> = { origin: base, 'content-type': 'application/json' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${base}${p}`, { method: init.method ?? 'POST', headers, body: JSON.stringify(init.json ?? {}) });
}

async function account(base: string, name: string): Promise<{ id: string; email: string; cookie: string; token: string }> {
  const email = `${name.toLowerCase()}.${Date.now()}@example.com`;
  const res = await api(base, '/api/auth/sign-up/email', { json: { name, email, password: 'correct horse battery' } });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const id = ((await res.json()) as { user: { id: string } }).user.id;
  const { token } = (await (await api(base, '/api/tokens', { cookie, json: { name: 'bench' } })).json()) as { token: string };
  return { id, email, cookie, token };
}

async function project(base: string, token: string, name: string): Promise<string> {
  return ((await (await api(base, '/api/projects', { token, json: { name } })).json()) as { project: { id: string } }).project.id;
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(2);
  }
}

/** Runs one attack in its own process (bench/attack/attacker.ts) and resolves with what it sent. */
function attack(orders: AttackOrders): Promise<AttackStats> {
  const child = fork(path.join(ROOT, 'bench', 'attack', 'attacker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ATTACK_ORDERS: JSON.stringify(orders) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (stats) => resolve(stats as AttackStats));
    child.once('exit', (code) => code !== 0 && reject(new Error(`the attacker exited with ${code}`)));
  });
}

async function lagP99(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^mixroom_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1]) * 1000;
}

async function main(): Promise<void> {
  checkBuild();
  const database = DB === 'postgres' ? await createPgDatabase(env('BENCH_PG_URL', 'postgres://postgres@127.0.0.1:5432/test')) : undefined;
  const server = await startOurs(database ? { kind: 'postgres', url: database.url } : { kind: 'pglite' });
  const base = server.url;
  const lead = await account(base, 'Lead');
  const mixer = await account(base, 'Mixer');
  const reviewer = await account(base, 'Reviewer');
  const attacked = await project(base, lead.token, 'Attacked');
  const bystander = await project(base, lead.token, 'Bystander');
  for (const [user, role] of [[mixer, 'mixer'], [reviewer, 'reviewer']] as const) {
    await api(base, `/api/projects/${attacked}/members`, { token: lead.token, json: { email: user.email, role } });
  }
  const rooms: ClientRoom[] = [];
  const open = (projectId: string, token: string) => {
    const room = connectRoom(base, projectId, token);
    rooms.push(room);
    return room;
  };
  const setup = open(attacked, lead.token);
  await until(() => setup.snapshot.synced);
  createTrack(setup.doc, 'mine', { name: 'Mine', assignees: [mixer.id] });
  createTrack(setup.doc, 'theirs', { name: 'Theirs' });
  await until(() => setup.snapshot.save === 'saved');
  const editor = open(bystander, lead.token);
  const watcher = open(bystander, lead.token);
  await until(() => editor.snapshot.synced && watcher.snapshot.synced);
  createTrack(editor.doc, 'vox', { name: 'Vox' });
  await until(() => editor.snapshot.save === 'saved');

  const live = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(setup.doc));
    return doc;
  };
  const tokenOf = (a: Attack) => (a === 'reviewer-gc' ? reviewer.token : mixer.token);

  print(`# bench:attack on ${DB}, ${PHASE_S} s per phase, ${new Date().toISOString()}`);
  print('phase | honest round trip p50 / p99 / max (ms) | Saved p99 (ms) | join p50 / p99 / max (ms) | event-loop lag p99 (ms) | attacker');
  print('---|---|---|---|---|---');
  let baselineP99 = NaN;
  for (const phase of PHASES) {
    const roundTrips: number[] = [];
    const saves: number[] = [];
    const joins: number[] = [];
    const stopAt = Date.now() + PHASE_S * 1000;
    const honest = (async () => {
      let v = 0;
      while (Date.now() < stopAt) {
        const value = -1 - (v++ % 100);
        const t0 = performance.now();
        setStripParam(editor.doc, 'vox', 'gainDb', value);
        const vox = () => (ensureRoots(watcher.doc).tracks.get('vox')?.get('strip') as Y.Map<unknown> | undefined)?.get('gainDb');
        await until(() => vox() === value, 30_000).catch(() => undefined);
        roundTrips.push(performance.now() - t0);
        await until(() => editor.snapshot.save === 'saved', 30_000).catch(() => undefined);
        saves.push(performance.now() - t0);
        await sleep(100);
      }
    })();
    const joiner = (async () => {
      while (Date.now() < stopAt) {
        const fresh = await project(base, lead.token, `Untouched ${phase} ${joins.length}`);
        const t0 = performance.now();
        const room = connectRoom(base, fresh, lead.token);
        await until(() => room.snapshot.synced, 30_000).catch(() => undefined);
        joins.push(performance.now() - t0);
        room.destroy();
        await sleep(500);
      }
    })();
    const attacker = (ATTACKS as readonly string[]).includes(phase)
      ? attack({ base, projectId: attacked, token: tokenOf(phase as Attack), attack: phase as Attack, state: Buffer.from(Y.encodeStateAsUpdate(setup.doc)).toString('base64'), ms: PHASE_S * 1000 })
      : Promise.resolve(undefined);
    const [stats] = await Promise.all([attacker, honest, joiner]);
    const lag = await lagP99(base);
    const p99 = percentile(roundTrips, 0.99);
    if (phase === 'baseline') baselineP99 = p99;
    const attackText = stats
      ? `${stats.updates} updates (${(stats.bytes / 1024 / 1024).toFixed(1)} MiB) over ${stats.connections} connections; closes ${Object.entries(stats.closes).map(([c, k]) => `${c}x${k}`).join(' ')}`
      : 'none';
    print(
      `${phase} | ${fmtMs(percentile(roundTrips, 0.5))} / ${fmtMs(p99)} / ${fmtMs(Math.max(...roundTrips))}${phase === 'baseline' ? '' : ` (${(p99 / baselineP99).toFixed(1)}x baseline)`} | ${fmtMs(percentile(saves, 0.99))} | ${fmtMs(percentile(joins, 0.5))} / ${fmtMs(percentile(joins, 0.99))} / ${fmtMs(Math.max(...joins))} | ${fmtMs(lag)} | ${attackText}`,
    );
  }
  const attackedSv = Y.encodeStateVector(live()).length;
  print(`\nstate vector of the attacked project afterwards: ${attackedSv} bytes (${ensureRoots(live()).tracks.size} tracks)`);
  rooms.forEach((r) => r.destroy());
  await server.stop();
  await database?.drop();
}

main()
  .catch((err) => {
    process.stderr.write(`bench:attack failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
