/**
 * Render benchmark (issue 6): `npm run bench:render`.
 * 16 stereo stems x 60 s at 48 kHz (synthetic: seeded noise plus a tone per stem), every strip
 * with a high-pass, 4 EQ bands, a compressor, fader, pan and two post-fader sends (reverb and
 * delay buses), and the master section (two shelves, glue compressor, width with mono bass,
 * true-peak limiter; MASTER in bench/render/mix-spec.ts) and a BS.1770 loudness meter over the
 * output in every measured path. Four rows, their runs interleaved so that load changes hit all:
 *   - ours in Node: `renderMix` (master 'full') in 128-frame blocks, then the loudness meter;
 *   - native: the same mix as a Web Audio graph in Chromium's OfflineAudioContext (bench/render/native-graph.ts),
 *     its master two shelves, a compressor and a limiter stand-in, only `startRendering()` timed;
 *   - ours in Chromium: the lib/audio bundle rendering the same snapshot in the same page;
 *   - ours as an AudioWorklet: the engine bundle as the one AudioWorkletNode of an OfflineAudioContext,
 *     as live playback runs it (bench/render/worklet-render.ts: metering on, which includes the
 *     master's loudness meter), only `startRendering()` timed.
 * Prints x real time (median of runs), the ratios ours / native (goal: >= 3x), and the largest
 * difference between the worklet's output and Node's (they should be bit-identical).
 * BENCH_RENDER_RUNS (default 3) sets the runs per row; CHROMIUM_PATH the browser (/usr/bin/chromium).
 */
import { renderMix } from '../lib/audio';
import { withPitchStems } from '../lib/audio/pitch-prepass';
import { buildDoc, type InsertSpec, type TrackSpec } from '../lib/audio/test-support/mix-fixture';
import { readMix, setMasterParam } from '../lib/doc';
import { LoudnessMeter } from '../lib/dsp';
import { BenchPage } from './render/chromium';
import {
  DELAY, FRAMES, MASTER, REVERB, SAMPLE_RATE, SECONDS, STRIP, TRACKS, rmsDb, stemChannel, stemSeeds, trackPan,
} from './render/mix-spec';
import type { PageRun } from './render/native-graph';
import { load, median, print } from './machine-load';

const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 3);
const GOAL = 3;
/** The worklet renders whole render quanta; only whole quanta are compared with Node. */
const QUANTUM_FRAMES = 128;


const stems = new Map<string, Float32Array[]>();
const tracks: TrackSpec[] = [];
for (let k = 0; k < TRACKS; k++) {
  stems.set(`s${k}`, stemSeeds(k).map((seed) => stemChannel(FRAMES, seed)));
  tracks.push({
    id: `t${k}`,
    stemId: `s${k}`,
    gainDb: STRIP.faderDb,
    pan: trackPan(k),
    strip: {
      'eq.highpass.on': true, 'eq.highpass.freqHz': STRIP.highpassHz, 'eq.highpass.slope': 12,
      'eq.lowShelf.on': true, 'eq.lowShelf.freqHz': STRIP.lowShelf.freqHz, 'eq.lowShelf.gainDb': STRIP.lowShelf.gainDb,
      'eq.peak1.on': true, 'eq.peak1.freqHz': STRIP.peak1.freqHz, 'eq.peak1.q': STRIP.peak1.q, 'eq.peak1.gainDb': STRIP.peak1.gainDb,
      'eq.peak2.on': true, 'eq.peak2.freqHz': STRIP.peak2.freqHz, 'eq.peak2.q': STRIP.peak2.q, 'eq.peak2.gainDb': STRIP.peak2.gainDb,
      'eq.highShelf.on': true, 'eq.highShelf.freqHz': STRIP.highShelf.freqHz, 'eq.highShelf.gainDb': STRIP.highShelf.gainDb,
      'comp.on': true, 'comp.thresholdDb': STRIP.comp.thresholdDb, 'comp.ratio': STRIP.comp.ratio,
      'comp.kneeDb': STRIP.comp.kneeDb, 'comp.attackMs': STRIP.comp.attackMs, 'comp.releaseMs': STRIP.comp.releaseMs,
    },
    sends: { verb: { levelDb: STRIP.sendDb.verb }, dly: { levelDb: STRIP.sendDb.dly } },
  });
}
const doc = buildDoc({
  tracks,
  buses: [{ id: 'verb', kind: 'reverb', params: { ...REVERB } }, { id: 'dly', kind: 'delay', params: { ...DELAY } }],
});
const MASTER_EDITS = [
  ['eq.lowShelf.on', true], ['eq.lowShelf.freqHz', MASTER.lowShelf.freqHz], ['eq.lowShelf.gainDb', MASTER.lowShelf.gainDb],
  ['eq.highShelf.on', true], ['eq.highShelf.freqHz', MASTER.highShelf.freqHz], ['eq.highShelf.gainDb', MASTER.highShelf.gainDb],
  ['comp.on', true], ['comp.thresholdDb', MASTER.comp.thresholdDb], ['comp.ratio', MASTER.comp.ratio], ['comp.kneeDb', MASTER.comp.kneeDb],
  ['comp.attackMs', MASTER.comp.attackMs], ['comp.releaseMs', MASTER.comp.releaseMs], ['comp.sidechainHpOn', true],
  ['width', MASTER.width], ['monoBass.on', true], ['monoBass.freqHz', MASTER.monoBassHz],
  ['limiter.on', true], ['limiter.ceilingDbtp', MASTER.limiter.ceilingDbtp], ['limiter.releaseMs', MASTER.limiter.releaseMs],
] as const;
for (const [param, value] of MASTER_EDITS) setMasterParam(doc, param, value as never);
const snapshot = readMix(doc);

/**
 * The full strip (issue 18): the same mix, every track with an EQ insert (a peak), a compressor
 * insert and one modulation effect (chorus, flanger, phaser, tremolo, auto-pan in turn, tempo-synced
 * every other one), and track 0 a sung-like 60 s vocal with pitch correction (A minor), whose
 * pre-pass (`withPitchStems`) is timed on its own and reported in x real time.
 */
const MODULATION = ['chorus', 'flanger', 'phaser', 'tremolo', 'auto_pan'] as const;
const fullTracks: TrackSpec[] = tracks.map((t, k) => {
  const inserts: InsertSpec[] = [
    { id: 'eq', kind: 'eq', params: { 'peak1.on': true, 'peak1.freqHz': 1500, 'peak1.gainDb': 2 } },
    { id: 'cmp', kind: 'comp', params: { thresholdDb: -24, ratio: 2 } },
    { id: 'mod', kind: MODULATION[k % MODULATION.length], params: k % 2 === 0 ? { sync: '1/8' } : {} },
  ];
  if (k === 0) inserts.unshift({ id: 'tune', kind: 'pitch', params: { key: 9, scale: 'minor' } });
  return { ...t, stemId: k === 0 ? 'vocal' : t.stemId, inserts };
});
const fullStems = new Map(stems);
fullStems.set('vocal', [sungVocal(FRAMES)]);
const fullDoc = buildDoc({ tracks: fullTracks, buses: [{ id: 'verb', kind: 'reverb', params: { ...REVERB } }, { id: 'dly', kind: 'delay', params: { ...DELAY } }] });
for (const [param, value] of MASTER_EDITS) setMasterParam(fullDoc, param, value as never);
const fullSnapshot = readMix(fullDoc);

/** A sung-like line: a vowel-shaped harmonic series, a new note of A minor (slightly off) every half second, vibrato. */
function sungVocal(frames: number): Float32Array {
  const notes = [57, 60, 62, 64, 65, 64, 62, 60];
  const out = new Float32Array(frames);
  let phase = 0;
  for (let n = 0; n < frames; n++) {
    const note = notes[Math.floor(n / (SAMPLE_RATE / 2)) % notes.length] + 0.3;
    const f = 440 * 2 ** ((note - 69) / 12) * 2 ** ((20 * Math.sin((2 * Math.PI * 5.5 * n) / SAMPLE_RATE)) / 1200);
    phase += (2 * Math.PI * f) / SAMPLE_RATE;
    let v = 0;
    for (let k = 1; k * f < 5000; k++) v += ((0.25 + Math.exp(-0.5 * ((k * f - 700) / 120) ** 2)) / k) * Math.sin(k * phase);
    out[n] = 0.2 * v;
  }
  return out;
}

/** Pre-pass seconds of each full-strip run. */
const pitchRuns: number[] = [];

function renderNodeFull(): PageRun {
  const pitchStart = performance.now();
  const prepared = withPitchStems(fullSnapshot, fullStems, SAMPLE_RATE);
  pitchRuns.push((performance.now() - pitchStart) / 1000);
  const start = performance.now();
  const { left, right } = renderMix({ snapshot: fullSnapshot, stems: prepared, sampleRate: SAMPLE_RATE, master: 'full' });
  new LoudnessMeter({ sampleRate: SAMPLE_RATE }).process([left, right], left.length);
  return { seconds: (performance.now() - start) / 1000, rmsDb: rmsDb(left, right) };
}

/** Node's first render, the reference the worklet's output is compared with. */
let nodeOutput: [Float32Array, Float32Array] | null = null;

function renderNode(): PageRun {
  const start = performance.now();
  const { left, right } = renderMix({ snapshot, stems, sampleRate: SAMPLE_RATE, master: 'full' });
  new LoudnessMeter({ sampleRate: SAMPLE_RATE }).process([left, right], left.length);
  const seconds = (performance.now() - start) / 1000;
  if (left.length !== FRAMES) throw new Error('unexpected render length');
  nodeOutput ??= [left, right];
  return { seconds, rmsDb: rmsDb(left, right) };
}

/** Worst worklet-vs-Node difference over all worklet runs, in whole quanta. */
const workletDiff = { peak: 0, differing: 0, compared: 0 };

async function renderWorklet(): Promise<PageRun> {
  const run = await page.worklet(snapshot);
  if (!nodeOutput) throw new Error('the Node row runs first');
  const output = await page.workletOutput();
  const frames = Math.floor(FRAMES / QUANTUM_FRAMES) * QUANTUM_FRAMES;
  let differing = 0;
  for (let c = 0; c < 2; c++) {
    const [got, expected] = [output[c], nodeOutput[c]];
    for (let n = 0; n < frames; n++) {
      const d = Math.abs(got[n] - expected[n]); // NaN if either is NaN: counted, and peak Infinity
      if (d !== 0) differing++;
      if (!(d <= workletDiff.peak)) workletDiff.peak = Number.isNaN(d) ? Infinity : d;
    }
  }
  workletDiff.differing = Math.max(workletDiff.differing, differing);
  workletDiff.compared = 2 * frames;
  return run;
}

print(`render: ${TRACKS} stereo tracks x ${SECONDS} s at ${SAMPLE_RATE / 1000} kHz (HP, 4 EQ bands, compressor, fader, pan, 2 sends each; reverb and delay buses; master: 2 shelves, glue compressor, width + mono bass, true-peak limiter, loudness meter)`);
print(`before: ${load()}`);
const page = await BenchPage.open();
const rows = [
  { name: `ours, Node ${process.version}`, runs: [] as PageRun[], run: async () => renderNode() },
  { name: `native Web Audio graph, Chromium ${page.version}`, runs: [] as PageRun[], run: () => page.native() },
  { name: `ours, Chromium ${page.version} page`, runs: [] as PageRun[], run: () => page.engine(snapshot) },
  { name: `ours, AudioWorklet (OfflineAudioContext), Chromium ${page.version}`, runs: [] as PageRun[], run: renderWorklet },
  { name: `ours, Node ${process.version}, full strip (EQ, compressor and a modulation insert per track; pitch pre-pass apart)`, runs: [] as PageRun[], run: async () => renderNodeFull() },
];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const row of rows) row.runs.push(await row.run());
    print(`run ${i + 1}/${RUNS} done: ${rows.map((r) => r.runs[i].seconds.toFixed(2)).join(' / ')} s; ${load()}`);
  }
} finally {
  await page.close();
}

const xRealTime = (row: (typeof rows)[number]) => SECONDS / median(row.runs.map((r) => r.seconds));
const nativeX = xRealTime(rows[1]);
print(`| row | median s | runs (s) | x real time | / native | output RMS |`);
print(`|---|---|---|---|---|---|`);
for (const row of rows) {
  const times = row.runs.map((r) => r.seconds);
  print(`| ${row.name} | ${median(times).toFixed(2)} | ${times.map((t) => t.toFixed(2)).join(', ')} | ${xRealTime(row).toFixed(1)}x | ${(xRealTime(row) / nativeX).toFixed(2)}x | ${row.runs[0].rmsDb.toFixed(1)} dBFS |`);
}
for (const row of [rows[0], rows[2], rows[3]]) {
  const ratio = xRealTime(row) / nativeX;
  print(`${row.name} / native: ${ratio.toFixed(2)}x (goal >= ${GOAL}x: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
}
const full = rows[4];
print(`${full.name} / ours, Node: ${(xRealTime(full) / xRealTime(rows[0])).toFixed(2)}x (the inserts' cost on the same run)`);
print(`pitch pre-pass, one ${SECONDS} s vocal stem (YIN + PSOLA, Node): median ${median(pitchRuns).toFixed(2)} s (${pitchRuns.map((t) => t.toFixed(2)).join(', ')}), ${(SECONDS / median(pitchRuns)).toFixed(1)}x real time`);
const peakDb = workletDiff.peak === 0 ? '-inf' : (20 * Math.log10(workletDiff.peak)).toFixed(1);
print(`${rows[3].name} vs ${rows[0].name}: peak difference ${peakDb} dBFS, ${workletDiff.differing} of ${workletDiff.compared} samples differ (whole ${QUANTUM_FRAMES}-frame quanta, worst of ${RUNS} runs)`);
