/**
 * Sync benchmark: `npm run bench:sync` (= `tsx bench/sync.bench.ts`). Needs `npm run build` first.
 *
 * 50 rooms x 10 lightweight protocol clients on 127.0.0.1 (bench/sync/clients.ts): one mover per
 * room moves a fader at 20 updates/s, the other 9 receive. Measured against
 *   1. our server (`node dist/main.mjs`, gate and persistence on) on PGlite in a temporary folder,
 *   2. the same on PostgreSQL (a fresh database `mixroom_bench_<random>`, dropped afterwards),
 *   3. two instances of ours on one PostgreSQL database and Redis (movers on the first, receivers
 *      split between both, so half the deliveries cross Redis); CPU and RSS are the two processes'
 *      sum (Redis and PostgreSQL apart),
 *   4. the reference: y-websocket 1.5.4's setupWSConnection, unmodified (bench/sync/reference-server.cjs),
 *   5. Hocuspocus 3.4 (@hocuspocus/server, no extension: no persistence, no auth hook), its own framing
 *      spoken by the same clients (bench/sync/clients.ts).
 * After each target's phases, BENCH_IDLE connections that sync once and then stay idle are added and
 * the server's RSS growth per connection is reported.
 * Fan-out latency = arrival at a receiver - send time (same process, same clock); commit latency =
 * send -> the Saved message (type 8) covering the update (ours only: `acks=1` on movers). Server
 * CPU and RSS come from /proc/<pid> of the server process only. Then a saturation search raises the
 * per-room rate until p99 fan-out passes the limit. Everything stops by itself and cleans up.
 *
 * Environment (defaults in brackets): BENCH_ROOMS [50], BENCH_CLIENTS per room [10], BENCH_RATE
 * per room [20], BENCH_WARMUP_S [5], BENCH_WINDOW_S [15], BENCH_DRAIN_S [5], BENCH_SAT_RATES
 * [20,40,80,160,320,640,1280], BENCH_SAT_WARMUP_S [2], BENCH_SAT_WINDOW_S [5], BENCH_FANOUT_LIMIT_MS
 * [50], BENCH_TARGETS [pglite,postgres,cluster,reference,hocuspocus], BENCH_SAT_TARGETS [same; `none`
 * skips], BENCH_IDLE [10000], BENCH_IDLE_TARGETS [postgres,reference,hocuspocus; `none` skips],
 * BENCH_PG_URL [postgres://postgres@127.0.0.1:5432/test], BENCH_REDIS_URL [redis://127.0.0.1:6379];
 * BENCH_NODE_ARGS and BENCH_REFERENCE_NODE_ARGS: node flags for our server and the reference's (for
 * example `--cpu-prof --cpu-prof-dir=DIR` to profile each under the same load).
 */
import { execSync } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAccount } from './sync/api-setup';
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { BenchContext, connectIdle, connectRooms, disconnect, type RoomClients } from './sync/clients';
import { readRss } from './sync/proc-stats';
import { runPhase, type PhaseResult } from './sync/phase';
import { saturationText, stepTable, summaryTable, type TargetResult } from './sync/report';
import { checkBuild, cleanupAll, createPgDatabase, ROOT, startHocuspocus, startOurs, startReference, type BenchDatabase, type ServerProcess } from './sync/servers';
import { fmtMs, fmtNum } from './sync/stats';

const env = (name: string, fallback: string) => process.env[name] || fallback;
const num = (name: string, fallback: number) => {
  const v = Number(env(name, String(fallback)));
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const list = (name: string, fallback: string) => env(name, fallback).split(',').map((s) => s.trim()).filter(Boolean);

const cfg = {
  rooms: num('BENCH_ROOMS', 50),
  clients: num('BENCH_CLIENTS', 10),
  rate: num('BENCH_RATE', 20),
  warmupS: num('BENCH_WARMUP_S', 5),
  windowS: num('BENCH_WINDOW_S', 15),
  drainS: num('BENCH_DRAIN_S', 5),
  satRates: list('BENCH_SAT_RATES', '20,40,80,160,320,640,1280').map(Number),
  satWarmupS: num('BENCH_SAT_WARMUP_S', 2),
  satWindowS: num('BENCH_SAT_WINDOW_S', 5),
  limitMs: num('BENCH_FANOUT_LIMIT_MS', 50),
  targets: list('BENCH_TARGETS', 'pglite,postgres,cluster,reference,hocuspocus'),
  pgUrl: env('BENCH_PG_URL', 'postgres://postgres@127.0.0.1:5432/test'),
  redisUrl: env('BENCH_REDIS_URL', 'redis://127.0.0.1:6379'),
  idle: Number(env('BENCH_IDLE', '10000')),
};
const idleTargets = list('BENCH_IDLE_TARGETS', 'postgres,reference,hocuspocus').filter((t) => t !== 'none');
/** Our servers in the bench: the idle phase needs more sockets than the default limit. */
const OUR_ENV = { MIXROOM_SYNC_MAX_CONNECTIONS: String(Math.max(10_000, cfg.idle + 2_000)) };
// `none` skips the saturation search.
const satTargets = list('BENCH_SAT_TARGETS', cfg.targets.join(',')).filter((t) => t !== 'none');
const LABELS: Record<string, string> = {
  pglite: 'ours (PGlite)',
  postgres: 'ours (PostgreSQL)',
  cluster: 'ours, 2 instances + Redis',
  reference: 'reference y-websocket 1.5.4',
  hocuspocus: 'Hocuspocus 3.4',
};
for (const t of [...cfg.targets, ...satTargets, ...idleTargets]) if (!LABELS[t]) throw new Error(`unknown target ${t} (${Object.keys(LABELS).join(', ')})`);

const print = (line = '') => process.stdout.write(`${line}\n`);

function phaseLine(r: PhaseResult): string {
  return [
    `rate ${r.rate}/s/room`,
    `offered ${fmtNum(r.offeredPerS)}/s`,
    `accepted ${fmtNum(r.acceptedPerS)}/s`,
    `fan-out p50 ${fmtMs(r.fanoutP50)} p99 ${fmtMs(r.fanoutP99)} max ${fmtMs(r.fanoutMax)} ms`,
    Number.isNaN(r.commitP99) ? '' : `commit p50 ${fmtMs(r.commitP50)} p99 ${fmtMs(r.commitP99)} ms`,
    `server CPU ${fmtNum(r.serverCpu, 0)}%`,
    Number.isNaN(r.dbCpu) ? '' : `postgres CPU ${fmtNum(r.dbCpu, 0)}%`,
    `client CPU ${fmtNum(r.clientCpu, 0)}%`,
    `other processes ${fmtNum(r.otherCpu, 0)}%`,
    `CPU pressure ${fmtNum(r.cpuPressure, 0)}%`,
    `RSS ${fmtNum(r.rssMiB)} MiB`,
    r.lostDeliveries > 0 ? `LOST ${r.lostDeliveries}/${r.expectedDeliveries}` : '',
    r.rejections > 0 ? `REJECTED ${r.rejections}` : '',
    r.closes.length ? `CLOSES ${r.closes.join('; ')}` : '',
    r.serverExited ? `SERVER EXITED ${r.serverExited}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

async function runTarget(target: string): Promise<TargetResult> {
  const result: TargetResult = { label: LABELS[target], steps: [] };
  const ctx = new BenchContext();
  let servers: ServerProcess[] = [];
  let db: BenchDatabase | undefined;
  let rooms: RoomClients[] = [];
  let idleSockets: WebSocket[] = [];
  print(`\n== ${result.label}`);
  try {
    let urls: Array<{ mover: string; receiver: string | string[] }>;
    if (target === 'reference') {
      servers = [await startReference()];
      const ws = servers[0].url.replace(/^http/, 'ws');
      urls = Array.from({ length: cfg.rooms }, (_, i) => ({ mover: `${ws}/sync/bench-${i}`, receiver: `${ws}/sync/bench-${i}` }));
    } else if (target === 'hocuspocus') {
      servers = [await startHocuspocus()];
      const ws = servers[0].url.replace(/^http/, 'ws');
      urls = Array.from({ length: cfg.rooms }, (_, i) => ({ mover: `${ws}/?hocuspocus=bench-${i}`, receiver: `${ws}/?hocuspocus=bench-${i}` }));
    } else {
      if (target === 'postgres' || target === 'cluster') db = await createPgDatabase(cfg.pgUrl);
      const started = performance.now();
      const dbSpec = db ? ({ kind: 'postgres', url: db.url } as const) : ({ kind: 'pglite' } as const);
      if (target === 'cluster') {
        // Two instances on one PostgreSQL and Redis: movers on the first, receivers on both.
        const clusterEnv = { ...OUR_ENV, REDIS_URL: cfg.redisUrl, MIXROOM_REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}:` };
        servers = [await startOurs(dbSpec, clusterEnv, 'instance 1'), await startOurs(dbSpec, clusterEnv, 'instance 2')];
      } else {
        servers = [await startOurs(dbSpec, OUR_ENV)];
      }
      print(`server up in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${servers.map((s) => s.pid).join(', ')}${db ? `, database ${db.name}` : ''})`);
      const account = await createAccount(servers[0].url, cfg.rooms);
      const wss = servers.map((s) => s.url.replace(/^http/, 'ws'));
      const token = encodeURIComponent(account.token);
      urls = account.projectIds.map((id) => ({
        mover: `${wss[0]}/sync/${id}?token=${token}&acks=1`,
        receiver: wss.map((ws) => `${ws}/sync/${id}?token=${token}`),
      }));
    }
    const connectStart = performance.now();
    rooms = await connectRooms(urls, cfg.clients - 1, ctx);
    print(`${cfg.rooms * cfg.clients} clients connected and synced in ${((performance.now() - connectStart) / 1000).toFixed(1)} s`);
    const exitedWith = () => servers.map((x) => x.exitedWith()).find(Boolean);
    const srv = { exitedWith, output: () => servers.map((x) => x.output()).join('\n') };
    const pids = servers.map((x) => x.pid);
    const ours = target !== 'reference' && target !== 'hocuspocus';
    const common = { acks: ours, serverPid: pids, dbPids: db ? () => db!.backendPids() : undefined };

    result.base = await runPhase(rooms, ctx, { ...common, rate: cfg.rate, warmupS: cfg.warmupS, windowS: cfg.windowS, drainS: cfg.drainS }, srv.exitedWith);
    print(`base: ${phaseLine(result.base)}`);
    if (result.base.serverExited) throw new Error(`the server exited (${result.base.serverExited}):\n${srv.output().slice(-4000)}`);

    if (satTargets.includes(target)) {
      const sat: NonNullable<TargetResult['saturation']> = {};
      result.saturation = sat;
      const step = async (rate: number) => {
        const r = await runPhase(rooms, ctx, { ...common, rate, warmupS: cfg.satWarmupS, windowS: cfg.satWindowS, drainS: 3 }, srv.exitedWith);
        result.steps.push(r);
        print(`  saturation: ${phaseLine(r)}`);
        return r;
      };
      for (const rate of cfg.satRates) {
        const r = await step(rate);
        if (r.serverExited) {
          sat.firstFail = rate;
          sat.why = `server exited: ${r.serverExited}`;
          break;
        }
        if (r.fanoutP99 > cfg.limitMs) {
          sat.firstFail = rate;
          if (r.clientCpu > 90) sat.why = `bench client at ${fmtNum(r.clientCpu)}% CPU: may be client-bound`;
          break;
        }
        sat.lastPass = rate;
      }
      // One refinement step between the last pass and the first failure.
      if (sat.lastPass !== undefined && sat.firstFail !== undefined && !result.steps.at(-1)!.serverExited) {
        const mid = Math.round(Math.sqrt(sat.lastPass * sat.firstFail));
        if (mid > sat.lastPass && mid < sat.firstFail) {
          const r = await step(mid);
          if (r.fanoutP99 > cfg.limitMs || r.serverExited) sat.firstFail = mid;
          else sat.lastPass = mid;
        }
      }
      print(`  saturation: ${saturationText(result, cfg.limitMs)}`);
    }

    if (cfg.idle > 0 && idleTargets.includes(target)) {
      const rss = () => pids.map((p) => readRss(p).rssMiB).reduce((a, b) => a + b, 0);
      await new Promise((r) => setTimeout(r, 2000));
      const before = rss();
      const idleUrls = urls.flatMap((u) => (Array.isArray(u.receiver) ? u.receiver : [u.receiver]));
      const t0 = performance.now();
      idleSockets = await connectIdle(idleUrls, cfg.idle, ctx);
      await new Promise((r) => setTimeout(r, 3000));
      const after = rss();
      result.idle = { connections: cfg.idle, rssBeforeMiB: before, rssAfterMiB: after, kibPerConnection: ((after - before) * 1024) / cfg.idle };
      print(`idle: ${cfg.idle} connections in ${((performance.now() - t0) / 1000).toFixed(1)} s, RSS ${fmtNum(before)} -> ${fmtNum(after)} MiB, ${fmtNum(result.idle.kibPerConnection, 1)} KiB per idle connection`);
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message.split('\n')[0] : String(err);
    print(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    for (const server of servers) print(`${server.name} output (tail):\n${server.output().slice(-3000)}`);
  } finally {
    for (const ws of idleSockets) ws.terminate();
    await disconnect(rooms, ctx);
    for (const server of servers) {
      if (server.exitedWith()) continue;
      const tail = server.output();
      await server.stop();
      const errors = tail.split('\n').filter((l) => /"level":(50|60)|Error/.test(l));
      if (errors.length) print(`${server.name}: errors logged during the run (${errors.length}), last: ${errors.at(-1)!.slice(0, 400)}`);
    }
    await db?.drop();
  }
  return result;
}

function describeMachine(): string {
  const cpus = os.cpus();
  let head = '';
  try {
    head = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    head = '?';
  }
  const built = statSync(path.join(ROOT, 'dist', 'main.mjs')).mtime.toISOString();
  return `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus.length} x ${cpus[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, git ${head}, dist/main.mjs built ${built}`;
}

async function main(): Promise<void> {
  checkBuild();
  const machine = describeMachine();
  print(`sync benchmark: ${machine}`);
  print(
    `${cfg.rooms} rooms x ${cfg.clients} clients (1 mover + ${cfg.clients - 1} receivers), ${cfg.rate} updates/s per room; ` +
      `warm-up ${cfg.warmupS} s, window ${cfg.windowS} s; saturation rates ${cfg.satRates.join(', ')} (${cfg.satWindowS} s windows), limit p99 fan-out ${cfg.limitMs} ms`,
  );
  const results: TargetResult[] = [];
  for (const target of cfg.targets) results.push(await runTarget(target));

  const reference = results.find((r) => r.label === LABELS.reference);
  const pgResult = results.find((r) => r.label === LABELS.postgres);
  const goals: string[] = [];
  const pgliteResult = results.find((r) => r.label === LABELS.pglite);
  if (pgliteResult?.base) {
    const b = pgliteResult.base;
    goals.push(`p99 fan-out <= 50 ms at base load on PGlite: ${fmtMs(b.fanoutP99)} ms -> ${b.fanoutP99 <= 50 ? 'MET' : 'NOT MET'}`);
    goals.push(`p99 commit <= 100 ms at base load on PGlite: ${fmtMs(b.commitP99)} ms -> ${b.commitP99 <= 100 ? 'MET' : 'NOT MET'} (server RSS ${fmtNum(b.rssMiB)} MiB)`);
  }
  if (pgResult?.base) {
    const b = pgResult.base;
    goals.push(`p99 fan-out <= 50 ms at base load on PostgreSQL: ${fmtMs(b.fanoutP99)} ms -> ${b.fanoutP99 <= 50 ? 'MET' : 'NOT MET'}`);
    goals.push(`p99 commit <= 100 ms at base load on PostgreSQL: ${fmtMs(b.commitP99)} ms -> ${b.commitP99 <= 100 ? 'MET' : 'NOT MET'}`);
  }
  if (pgResult?.base && reference?.base) {
    const r = pgResult.base.serverCpu / reference.base.serverCpu;
    goals.push(`server CPU ours (PostgreSQL) / reference <= 1.5x: ${r.toFixed(2)}x -> ${r <= 1.5 ? 'MET' : 'NOT MET'}`);
  }
  for (const t of results) {
    if (t.idle && t.label.startsWith('ours')) {
      goals.push(`RSS per idle connection <= 20 KiB, ${t.label}: ${fmtNum(t.idle.kibPerConnection, 1)} KiB -> ${t.idle.kibPerConnection <= 20 ? 'MET' : 'NOT MET'}`);
    }
  }
  if (pgResult?.saturation && reference?.saturation) {
    const ours = pgResult.saturation.lastPass ?? 0;
    const ref = reference.saturation.lastPass ?? 0;
    goals.push(`saturation ours (PostgreSQL) >= reference: ${ours}/s vs ${ref}/s per room -> ${ours >= ref ? 'MET' : 'NOT MET'}`);
  }

  for (const markdown of [false, true]) {
    print(markdown ? '\n---- markdown ----\n' : '\n==== summary (base load) ====');
    print(summaryTable(results, reference, markdown));
    print();
    for (const r of results) if (r.saturation) print(`${markdown ? '- ' : ''}saturation, ${r.label}: ${saturationText(r, cfg.limitMs)}`);
    for (const r of results) if (r.error) print(`${markdown ? '- ' : ''}${r.label} FAILED: ${r.error}`);
    for (const r of results) {
      if (!r.steps.length) continue;
      print(`\n${markdown ? '**' : ''}saturation steps, ${r.label}${markdown ? '**' : ''}\n`);
      print(stepTable(r, markdown));
    }
    print();
    for (const g of goals) print(`${markdown ? '- ' : 'goal: '}${g}`);
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: cleaning up...\n`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

main()
  .then(() => cleanupAll())
  .then(() => process.exit(0))
  .catch(async (err) => {
    process.stderr.write(`bench:sync failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    await cleanupAll();
    process.exit(1);
  });
