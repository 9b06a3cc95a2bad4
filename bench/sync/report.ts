import type { PhaseResult } from './phase';
import { fmtMs, fmtNum } from './stats';

export interface TargetResult {
  label: string;
  base?: PhaseResult;
  steps: PhaseResult[];
  saturation?: { lastPass?: number; firstFail?: number; why?: string };
  /** RSS grown by `connections` idle connections, per connection. */
  idle?: { connections: number; kibPerConnection: number; rssBeforeMiB: number; rssAfterMiB: number };
  error?: string;
}

type Row = [string, (r: PhaseResult) => number, (n: number) => string, boolean];

const ROWS: Row[] = [
  ['offered updates/s', (r) => r.offeredPerS, (n) => fmtNum(n), false],
  ['accepted updates/s (reached a receiver)', (r) => r.acceptedPerS, (n) => fmtNum(n), true],
  ['deliveries/s (updates x receivers)', (r) => r.deliveriesPerS, (n) => fmtNum(n), true],
  ['fan-out p50 (ms)', (r) => r.fanoutP50, fmtMs, true],
  ['fan-out p99 (ms)', (r) => r.fanoutP99, fmtMs, true],
  ['fan-out max (ms)', (r) => r.fanoutMax, fmtMs, true],
  ['commit p50 (ms, Saved)', (r) => r.commitP50, fmtMs, false],
  ['commit p99 (ms, Saved)', (r) => r.commitP99, fmtMs, false],
  ['server CPU (% of one core)', (r) => r.serverCpu, (n) => fmtNum(n, 1), true],
  ['PostgreSQL backends CPU (%)', (r) => r.dbCpu, (n) => fmtNum(n, 1), false],
  ['bench client CPU (%)', (r) => r.clientCpu, (n) => fmtNum(n, 1), false],
  ['other processes CPU (%, machine busy - above)', (r) => r.otherCpu, (n) => fmtNum(n, 0), false],
  ['CPU pressure (% of window some task waited)', (r) => r.cpuPressure, (n) => fmtNum(n, 0), false],
  ['server RSS at window end (MiB)', (r) => r.rssMiB, (n) => fmtNum(n), true],
  ['server peak RSS (MiB)', (r) => r.peakRssMiB, (n) => fmtNum(n), true],
  ['lost deliveries (after drain)', (r) => r.lostDeliveries, (n) => fmtNum(n), false],
  ['gate rejections', (r) => r.rejections, (n) => fmtNum(n), false],
];

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '-';
  return `${(a / b).toFixed(2)}x`;
}

export function saturationText(t: TargetResult, limitMs: number): string {
  const s = t.saturation;
  if (!s) return t.error ? `not measured (${t.error})` : 'not measured';
  const pass = s.lastPass !== undefined ? `holds p99 <= ${limitMs} ms at ${s.lastPass}/s per room` : `fails already at the lowest rate`;
  const fail = s.firstFail !== undefined ? `, exceeds it at ${s.firstFail}/s per room` : ` (the highest rate tried: the limit was never exceeded)`;
  return `${pass}${fail}${s.why ? ` (${s.why})` : ''}`;
}

/** The summary as a table: one column per target, ratios ours/reference. */
export function summaryTable(targets: TargetResult[], reference: TargetResult | undefined, markdown: boolean): string {
  const ours = targets.filter((t) => t !== reference);
  const head = ['', ...targets.map((t) => t.label), ...(reference?.base ? ours.map((t) => `${t.label} / reference`) : [])];
  const rows: string[][] = [];
  for (const [name, get, fmt, withRatio] of ROWS) {
    const cells = targets.map((t) => (t.base ? fmt(get(t.base)) : '-'));
    const ratios = reference?.base ? ours.map((t) => (withRatio && t.base ? ratio(get(t.base), get(reference.base!)) : '')) : [];
    rows.push([name, ...cells, ...ratios]);
  }
  const idleN = targets.find((t) => t.idle)?.idle?.connections;
  if (idleN) {
    const kib = (t: TargetResult) => t.idle?.kibPerConnection ?? NaN;
    rows.push([
      `RSS per idle connection (KiB, ${idleN} idle)`,
      ...targets.map((t) => (t.idle ? fmtNum(kib(t), 1) : '-')),
      ...(reference?.base ? ours.map((t) => (t.idle && reference.idle ? ratio(kib(t), kib(reference)) : '')) : []),
    ]);
  }
  rows.push([
    'saturation: highest rate/room with p99 <= limit',
    ...targets.map((t) =>
      t.saturation?.lastPass !== undefined ? `${t.saturation.firstFail === undefined ? '>= ' : ''}${t.saturation.lastPass}/s` : t.saturation ? '< lowest' : '-',
    ),
    ...(reference?.base
      ? ours.map((t) => ratio(t.saturation?.lastPass ?? NaN, reference.saturation?.lastPass ?? NaN))
      : []),
  ]);
  return render([head, ...rows], markdown);
}

export function stepTable(t: TargetResult, markdown: boolean): string {
  const head = ['rate/room', 'offered/s', 'accepted/s', 'fan-out p50', 'p99', 'max', 'commit p99', 'server CPU %', 'db CPU %', 'client CPU %', 'other CPU %', 'CPU pressure %', 'lost', 'closes'];
  const rows = t.steps.map((r) => [
    String(r.rate),
    fmtNum(r.offeredPerS),
    fmtNum(r.acceptedPerS),
    fmtMs(r.fanoutP50),
    fmtMs(r.fanoutP99),
    fmtMs(r.fanoutMax),
    fmtMs(r.commitP99),
    fmtNum(r.serverCpu, 0),
    fmtNum(r.dbCpu, 0),
    fmtNum(r.clientCpu, 0),
    fmtNum(r.otherCpu, 0),
    fmtNum(r.cpuPressure, 0),
    `${fmtNum(r.lostDeliveries)}/${fmtNum(r.expectedDeliveries)}`,
    r.closes.join('; ') || (r.serverExited ? `server exited: ${r.serverExited}` : '-'),
  ]);
  return render([head, ...rows], markdown);
}

function render(rows: string[][], markdown: boolean): string {
  if (markdown) {
    const line = (r: string[]) => `| ${r.join(' | ')} |`;
    return [line(rows[0]), line(rows[0].map(() => '---')), ...rows.slice(1).map(line)].join('\n');
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}
