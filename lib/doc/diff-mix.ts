import { formatPath } from './paths';
import type { MixSnapshot } from './read-mix';
import { LOUDNESS_TARGET_LABELS, type LoudnessTarget } from './schema';
import { withDefaults } from './with-defaults';

/** Where a change is: a track, a bus, the master section or the project. */
export const DIFF_GROUPS = { track: 'track', bus: 'bus', master: 'master', project: 'project' } as const;
export type DiffGroup = (typeof DIFF_GROUPS)[keyof typeof DIFF_GROUPS];

/** One parameter-level difference between two mixes, as an engineer reads it. */
export interface MixChange {
  /** The document path (SPEC L3), e.g. `tracks/bass/strip/gainDb`. */
  path: string;
  group: DiffGroup;
  /** Track or bus id, or null for the master and the project. */
  id: string | null;
  /** Who it is about: "Bass", "Reverb bus", "Master", "Project". */
  target: string;
  /** What changed: "fader", "EQ band 2 gain", "track added". */
  label: string;
  /** Values as stored (dB, Hz, seconds...); null for "added"/"removed". */
  from: unknown;
  to: unknown;
  /** Unit of `from` and `to` ("dB", "Hz", "s", "ms", "%"...), or null. */
  unit: string | null;
  /** The whole line: "Bass · fader -3.0 → -4.5 dB". */
  text: string;
}

const BANDS: Record<string, string> = {
  highpass: 'high-pass',
  lowpass: 'low-pass',
  lowShelf: 'EQ low shelf',
  peak1: 'EQ band 1',
  peak2: 'EQ band 2',
  highShelf: 'EQ high shelf',
};

/** Label and unit of a leaf by its last path segments (the most specific match wins). */
const LEAVES: Array<[RegExp, string, string | null]> = [
  [/^strip\/gainDb$/, 'fader', 'dB'],
  [/^strip\/pan$/, 'pan', null],
  [/^strip\/mute$/, 'mute', null],
  [/^strip\/solo$/, 'solo', null],
  [/^strip\/trimDb$/, 'trim', 'dB'],
  [/^strip\/phase$/, 'polarity inverted', null],
  [/^strip\/output$/, 'output', null],
  [/(^|\/)on$/, 'on', null],
  [/(^|\/)freqHz$/, 'frequency', 'Hz'],
  [/(^|\/)gainDb$/, 'gain', 'dB'],
  [/(^|\/)q$/, 'Q', null],
  [/(^|\/)slope$/, 'slope', 'dB/oct'],
  [/(^|\/)thresholdDb$/, 'threshold', 'dB'],
  [/(^|\/)ratio$/, 'ratio', ':1'],
  [/(^|\/)attackMs$/, 'attack', 'ms'],
  [/(^|\/)releaseMs$/, 'release', 'ms'],
  [/(^|\/)kneeDb$/, 'knee', 'dB'],
  [/(^|\/)makeupDb$/, 'make-up gain', 'dB'],
  [/(^|\/)levelDb$/, 'level', 'dB'],
  [/(^|\/)pre$/, 'pre-fader', null],
  [/(^|\/)ceilingDbtp$/, 'ceiling', 'dBTP'],
  [/(^|\/)lookaheadMs$/, 'lookahead', 'ms'],
  [/(^|\/)decaySec$/, 'decay', 's'],
  [/(^|\/)preDelayMs$/, 'pre-delay', 'ms'],
  [/(^|\/)dampingHz$/, 'damping', 'Hz'],
  [/(^|\/)timeMs$/, 'time', 'ms'],
  [/(^|\/)feedback$/, 'feedback', null],
  [/(^|\/)durationSec$/, 'length', 's'],
  [/(^|\/)trimStartSec$/, 'trim start', 's'],
  [/(^|\/)trimEndSec$/, 'trim end', 's'],
  [/(^|\/)size$/, 'size', null],
  [/(^|\/)mix$/, 'mix', null],
  [/(^|\/)sync$/, 'tempo sync', null],
  [/(^|\/)pingPong$/, 'ping-pong', null],
  [/(^|\/)rateHz$/, 'rate', 'Hz'],
  [/(^|\/)depth$/, 'depth', null],
  [/(^|\/)bypass$/, 'bypass', null],
  [/(^|\/)retuneMs$/, 'retune speed', 'ms'],
  [/(^|\/)humanize$/, 'humanize', null],
  [/(^|\/)key$/, 'key', null],
  [/(^|\/)scale$/, 'scale', null],
  [/(^|\/)curve$/, 'curve', null],
  [/(^|\/)integratedLufs$/, 'loudness', 'LUFS'],
  [/(^|\/)sidechainHpOn$/, 'side-chain high-pass', null],
  [/(^|\/)sidechainHpHz$/, 'side-chain high-pass frequency', 'Hz'],
  [/(^|\/)noiseShaping$/, 'noise shaping', null],
  [/^width$/, 'width', null],
  [/^target$/, 'target', null],
  [/^inputGainDb$/, 'input gain', 'dB'],
  [/^eqMode$/, 'EQ mode', null],
  [/^offsetSec$/, 'start', 's'],
  [/^color$/, 'colour', null],
  [/(^|\/)order$/, 'position', null],
  [/^name$/, 'name', null],
  [/^kind$/, 'kind', null],
  [/^review\/state$/, 'review', null],
  [/^review\/note$/, 'review note', null],
  [/^title$/, 'title', null],
  [/^bpm$/, 'tempo', 'BPM'],
  [/^sampleRate$/, 'sample rate', 'Hz'],
  [/^lengthSec$/, 'length', 's'],
];

/** Words for the groups a path passes through: "EQ band 2", "compressor", "send to Reverb". */
function section(segments: readonly string[], busNames: ReadonlyMap<string, string>): string {
  const words: string[] = [];
  for (let i = 0; i < segments.length - 1; i++) {
    const s = segments[i];
    if (s === 'eq' && BANDS[segments[i + 1]]) continue;
    if (BANDS[s]) words.push(BANDS[s]);
    else if (s === 'comp') words.push('compressor');
    else if (s === 'limiter') words.push('limiter');
    else if (s === 'monoBass') words.push('mono bass');
    else if (s === 'fadeIn') words.push('fade-in');
    else if (s === 'fadeOut') words.push('fade-out');
    else if (s === 'customTarget') words.push('custom target');
    else if (s === 'dither') words.push('dither');
    else if (s === 'params') continue;
    else if (s === 'clip') words.push('clip');
    else if (s === 'inserts') {
      words.push(`insert ${segments[i + 1]}`);
      i++;
    }
    else if (s === 'sends') {
      words.push(`send to ${busNames.get(segments[i + 1]) ?? segments[i + 1]}`);
      i++;
    }
  }
  return words.join(' ');
}

function leafLabel(rel: string): { label: string; unit: string | null } {
  for (const [pattern, label, unit] of LEAVES) if (pattern.test(rel)) return { label, unit };
  return { label: rel.split('/').pop() ?? rel, unit: null };
}

const AUTOMATION_NAMES: Record<string, string> = { gainDb: 'fader', pan: 'pan', mute: 'mute' };

/** A value as an engineer reads it: signed dB with one decimal, pan as L/C/R, booleans as on/off. */
export function formatValue(value: unknown, unit: string | null, label: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') {
    if (label === 'pan') return value === 0 ? 'C' : `${value < 0 ? 'L' : 'R'}${Math.round(Math.abs(value) * 100)}`;
    if (unit === 'dB' || unit === 'dBTP' || unit === 'LUFS') return value <= -144 ? '-inf' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
    if (unit === 'Hz') return value >= 1000 ? `${+(value / 1000).toFixed(2)}k` : `${+value.toFixed(1)}`;
    return `${+value.toFixed(2)}`;
  }
  return String(value);
}

interface Context {
  group: DiffGroup;
  id: string | null;
  target: string;
  busNames: ReadonlyMap<string, string>;
  out: MixChange[];
}

function push(ctx: Context, path: readonly string[], label: string, from: unknown, to: unknown, unit: string | null): void {
  const body = from === null && to === null ? label : `${label} ${formatValue(from, unit, label)} → ${formatValue(to, unit, label)}${unit && unit !== ':1' ? ` ${unit}` : ''}`;
  ctx.out.push({ path: formatPath(path), group: ctx.group, id: ctx.id, target: ctx.target, label, from, to, unit, text: `${ctx.target} · ${body}` });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Compares two values below `base` (the unit's path) leaf by leaf. */
function walk(ctx: Context, base: readonly string[], rel: readonly string[], a: unknown, b: unknown): void {
  if (same(a, b)) return;
  const relPath = rel.join('/');
  if (relPath === 'stemId') return push(ctx, [...base, ...rel], b === null ? 'stem removed' : a === null ? 'stem added' : 'stem replaced', null, null, null);
  if (relPath === 'assignees') return push(ctx, [...base, ...rel], 'assignees', (a as string[]).join(', ') || 'nobody', (b as string[]).join(', ') || 'nobody', null);
  if (rel[0] === 'automation' && rel.length === 2) {
    const name = `${rel[1].startsWith('send:') ? `send to ${ctx.busNames.get(rel[1].slice(5)) ?? rel[1].slice(5)}` : (AUTOMATION_NAMES[rel[1]] ?? rel[1])} automation`;
    const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
    const label = a === undefined ? `${name} added` : b === undefined ? `${name} removed` : `${name} changed`;
    return push(ctx, [...base, ...rel], label, `${count(a)} points`, `${count(b)} points`, null);
  }
  if (rel[0] === 'strip' && rel[1] === 'inserts' && rel.length === 3 && (a === undefined || b === undefined)) {
    const kind = ((a ?? b) as { kind?: string }).kind ?? 'insert';
    return push(ctx, [...base, ...rel], `${kind.replace('_', '-')} insert ${rel[2]} ${a === undefined ? 'added' : 'removed'}`, null, null, null);
  }
  if (rel[0] === 'strip' && rel[1] === 'sends' && rel.length === 3 && (a === undefined || b === undefined)) {
    return push(ctx, [...base, ...rel], `send to ${ctx.busNames.get(rel[2]) ?? rel[2]} ${a === undefined ? 'added' : 'removed'}`, null, null, null);
  }
  if (isRecord(a) || isRecord(b)) {
    const ra = isRecord(a) ? a : {};
    const rb = isRecord(b) ? b : {};
    for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) walk(ctx, base, [...rel, key], ra[key], rb[key]);
    return;
  }
  const { label, unit } = leafLabel(relPath);
  const where = section(rel, ctx.busNames);
  const name = relPath === 'strip/output' ? 'output' : where ? `${where} ${label}` : label;
  const value = (v: unknown) => {
    if (relPath === 'strip/output' && typeof v === 'string') return v === 'master' ? 'master' : (ctx.busNames.get(v) ?? v);
    if (ctx.group === 'master' && relPath === 'target' && typeof v === 'string') return LOUDNESS_TARGET_LABELS[v as LoudnessTarget] ?? v;
    return v ?? null;
  };
  push(ctx, [...base, ...rel], name, value(a), value(b), unit);
}

/**
 * The parameter-level differences from `a` to `b`: tracks and buses matched by id (added, removed,
 * renamed, each parameter), then the master section and the project. Automation lanes and
 * assignee lists count as one change each. Ordered by track order, then buses, master, project.
 * A field one side lacks (stored before it existed) counts as its default (`withDefaults`).
 */
export function diffMix(older: MixSnapshot, newer: MixSnapshot): MixChange[] {
  const a = withDefaults(older);
  const b = withDefaults(newer);
  const out: MixChange[] = [];
  const busNames = new Map([...a.buses, ...b.buses].map((bus) => [bus.id, bus.name]));
  const tracks = [...b.tracks, ...a.tracks.filter((t) => !b.tracks.some((u) => u.id === t.id))];
  for (const track of tracks) {
    const before = a.tracks.find((t) => t.id === track.id);
    const after = b.tracks.find((t) => t.id === track.id);
    const ctx: Context = { group: 'track', id: track.id, target: after?.name ?? before!.name, busNames, out };
    if (!before || !after) {
      push(ctx, ['tracks', track.id], before ? 'track removed' : 'track added', null, null, null);
      continue;
    }
    const { id: _x, ...was } = before;
    const { id: _y, ...now } = after;
    walk(ctx, ['tracks', track.id], [], was, now);
  }
  const buses = [...b.buses, ...a.buses.filter((x) => !b.buses.some((y) => y.id === x.id))];
  for (const bus of buses) {
    const before = a.buses.find((x) => x.id === bus.id);
    const after = b.buses.find((x) => x.id === bus.id);
    const ctx: Context = { group: 'bus', id: bus.id, target: `${(after ?? before)!.name} bus`, busNames, out };
    if (!before || !after) {
      push(ctx, ['buses', bus.id], before ? 'bus removed' : 'bus added', null, null, null);
      continue;
    }
    const { id: _x, ...was } = before;
    const { id: _y, ...now } = after;
    walk(ctx, ['buses', bus.id], [], was, now);
  }
  walk({ group: 'master', id: null, target: 'Master', busNames, out }, ['master'], [], a.master, b.master);
  walk({ group: 'project', id: null, target: 'Project', busNames, out }, ['meta'], [], a.meta, b.meta);
  return out;
}

/** The changes as lines of text, one a change. */
export function describeDiff(changes: readonly MixChange[]): string {
  return changes.map((c) => c.text).join('\n');
}
