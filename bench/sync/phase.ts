/**
 * One measured phase: every mover moves at `rate` updates/s (staggered), a warm-up, then a window
 * whose sends are measured; after the window the movers stop and the phase waits (bounded) for
 * the window's deliveries and commits. Whatever has not arrived by then counts as lost (Infinity
 * in the percentiles).
 */
import { BenchContext, PhaseRecorder, type RoomClients } from './clients';
import { cpuPercent, machineLoad, ownCpu, readCpu, readCpuSum, readMachine, readRss, type CpuSample, type MachineSample } from './proc-stats';
import { percentile, sortWithMissing } from './stats';

export interface PhaseOptions {
  rate: number;
  warmupS: number;
  windowS: number;
  /** Longest wait after the window for its deliveries and commits. */
  drainS: number;
  /** Expect Saved messages (our server with acks=1). */
  acks: boolean;
  /** The server process, or every process of a server made of several (two instances). */
  serverPid: number | number[];
  /** PostgreSQL backends of the bench database, when there is one. */
  dbPids?: () => Promise<number[]>;
}

export interface PhaseResult {
  rate: number;
  rooms: number;
  windowS: number;
  offeredPerS: number;
  acceptedPerS: number;
  deliveriesPerS: number;
  lostDeliveries: number;
  expectedDeliveries: number;
  fanoutP50: number;
  fanoutP99: number;
  fanoutMax: number;
  commitP50: number;
  commitP99: number;
  lostCommits: number;
  serverCpu: number;
  dbCpu: number;
  clientCpu: number;
  /** Whole machine busy, % of one core (100 x cores at most). */
  machineCpu: number;
  /** Busy time not accounted for by the server, PostgreSQL and the bench client: other processes. */
  otherCpu: number;
  /** Share of the window in which some runnable task waited for a CPU (/proc/pressure/cpu). */
  cpuPressure: number;
  rssMiB: number;
  peakRssMiB: number;
  rejections: number;
  closes: string[];
  serverExited?: string;
}

const TICK_MS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPhase(rooms: RoomClients[], ctx: BenchContext, o: PhaseOptions, serverExited: () => string | undefined): Promise<PhaseResult> {
  const phase = new PhaseRecorder();
  ctx.phase = phase;
  const rejectionsBefore = ctx.rejections;
  const closesBefore = new Map(ctx.closes);
  const receiversPerRoom = rooms[0].receivers.length;
  const t0 = performance.now();
  phase.winStart = t0 + o.warmupS * 1000;
  phase.winEnd = phase.winStart + o.windowS * 1000;

  // Movers: an absolute schedule (catches up after a stall, at most `burst` per tick).
  const sent = new Array<number>(rooms.length).fill(0);
  const burst = Math.max(2, Math.ceil(o.rate * 0.02));
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - t0) / 1000;
    for (let i = 0; i < rooms.length; i++) {
      const due = Math.floor(elapsed * o.rate + i / rooms.length);
      for (let n = 0; sent[i] < due && n < burst; n++) {
        rooms[i].mover.move();
        sent[i]++;
      }
    }
  }, TICK_MS);

  let cpu0: CpuSample | undefined, db0: CpuSample | undefined, own0: CpuSample | undefined;
  let cpu1: CpuSample | undefined, db1: CpuSample | undefined, own1: CpuSample | undefined;
  let m0: MachineSample | undefined, m1: MachineSample | undefined;
  let rss = { rssMiB: NaN, peakMiB: NaN };
  let dbPids: number[] = [];
  const serverPids = ([] as number[]).concat(o.serverPid);
  try {
    if (o.dbPids) dbPids = await o.dbPids();
    await sleep(Math.max(0, phase.winStart - performance.now()));
    cpu0 = readCpuSum(serverPids);
    db0 = readCpuSum(dbPids);
    own0 = ownCpu();
    m0 = readMachine();
    await sleep(Math.max(0, phase.winEnd - performance.now()));
    cpu1 = readCpuSum(serverPids);
    db1 = readCpuSum(dbPids);
    own1 = ownCpu();
    m1 = readMachine();
    rss = serverPids.map(readRss).reduce((a, b) => ({ rssMiB: a.rssMiB + b.rssMiB, peakMiB: a.peakMiB + b.peakMiB }));
  } finally {
    clearInterval(ticker);
  }

  // Drain: the window's deliveries (and commits) or the deadline, whichever comes first.
  const deadline = performance.now() + o.drainS * 1000;
  const expected = phase.windowSends * receiversPerRoom;
  while (performance.now() < deadline && !serverExited()) {
    if (phase.windowArrivals >= expected && (!o.acks || phase.windowCommits >= phase.windowSends)) break;
    await sleep(25);
  }
  // Quiet: nothing in flight before the next phase (bounded).
  const quietDeadline = performance.now() + 30_000;
  while (performance.now() - ctx.lastMessageAt < 300 && performance.now() < quietDeadline) await sleep(50);

  let accepted = 0;
  for (const room of rooms) for (const rec of room.ledger.sent.values()) if (phase.inWindow(rec.t) && rec.arrivals > 0) accepted++;
  const fanout = sortWithMissing(phase.fanout, expected - phase.windowArrivals);
  const commit = o.acks ? sortWithMissing(phase.commit, phase.windowSends - phase.windowCommits) : new Float64Array();
  for (const room of rooms) room.mover.reset();

  const machine = m0 && m1 ? machineLoad(m0, m1) : { busy: NaN, pressure: NaN };
  const serverCpu = cpuPercent(cpu0, cpu1);
  const dbCpu = dbPids.length ? cpuPercent(db0, db1) : NaN;
  const clientCpu = cpuPercent(own0, own1);
  const closes: string[] = [];
  for (const [k, n] of ctx.closes) if (n > (closesBefore.get(k) ?? 0)) closes.push(`${n - (closesBefore.get(k) ?? 0)} x close ${k}`);
  return {
    rate: o.rate,
    rooms: rooms.length,
    windowS: o.windowS,
    offeredPerS: phase.windowSends / o.windowS,
    acceptedPerS: accepted / o.windowS,
    deliveriesPerS: phase.windowArrivals / o.windowS,
    lostDeliveries: expected - phase.windowArrivals,
    expectedDeliveries: expected,
    fanoutP50: percentile(fanout, 0.5),
    fanoutP99: percentile(fanout, 0.99),
    fanoutMax: fanout.length ? fanout[fanout.length - 1] : NaN,
    commitP50: o.acks ? percentile(commit, 0.5) : NaN,
    commitP99: o.acks ? percentile(commit, 0.99) : NaN,
    lostCommits: o.acks ? phase.windowSends - phase.windowCommits : 0,
    serverCpu,
    dbCpu,
    clientCpu,
    machineCpu: machine.busy,
    otherCpu: machine.busy - serverCpu - (Number.isNaN(dbCpu) ? 0 : dbCpu) - clientCpu,
    cpuPressure: machine.pressure,
    rssMiB: rss.rssMiB,
    peakRssMiB: rss.peakMiB,
    rejections: ctx.rejections - rejectionsBefore,
    closes,
    serverExited: serverExited(),
  };
}
