/**
 * Mix engine benchmark: `npx tsx bench/render.bench.ts`.
 * 16 stereo stems x 60 s at 48 kHz (synthetic: seeded noise plus a tone per stem), every strip
 * with a high-pass, 4 EQ bands, a compressor and two sends (reverb and delay buses), rendered
 * offline with `renderMix` in 128-frame blocks. Prints seconds and x real time (median of runs).
 * The Chromium native-graph reference of issue 6 is not here yet.
 */
import { renderMix } from '../lib/audio';
import { buildMix, type TrackSpec } from '../lib/audio/test-support/mix-fixture';

const SAMPLE_RATE = 48000;
const SECONDS = 60;
const TRACKS = 16;
const RUNS = 3;

const print = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Seeded noise with a tone on top, different per stem and channel. */
function stemChannel(frames: number, seed: number): Float32Array {
  const out = new Float32Array(frames);
  let state = seed >>> 0;
  const w = (2 * Math.PI * (80 + 37 * seed)) / SAMPLE_RATE;
  for (let n = 0; n < frames; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[n] = 0.1 * (state / 2147483648 - 1) + 0.3 * Math.sin(w * n);
  }
  return out;
}

const frames = SECONDS * SAMPLE_RATE;
const stems = new Map<string, Float32Array[]>();
const tracks: TrackSpec[] = [];
for (let k = 0; k < TRACKS; k++) {
  stems.set(`s${k}`, [stemChannel(frames, 2 * k + 1), stemChannel(frames, 2 * k + 2)]);
  tracks.push({
    id: `t${k}`,
    stemId: `s${k}`,
    gainDb: -6,
    pan: (k / (TRACKS - 1)) * 2 - 1,
    strip: {
      'eq.highpass.on': true, 'eq.highpass.freqHz': 60,
      'eq.lowShelf.on': true, 'eq.lowShelf.gainDb': 2,
      'eq.peak1.on': true, 'eq.peak1.gainDb': -3,
      'eq.peak2.on': true, 'eq.peak2.gainDb': 2.5,
      'eq.highShelf.on': true, 'eq.highShelf.gainDb': 1.5,
      'comp.on': true, 'comp.thresholdDb': -20, 'comp.ratio': 3,
    },
    sends: { verb: { levelDb: -12 }, dly: { levelDb: -18 } },
  });
}
const snapshot = buildMix({ tracks, buses: [{ id: 'verb', kind: 'reverb' }, { id: 'dly', kind: 'delay' }] });

print(`mix engine: ${TRACKS} stereo tracks x ${SECONDS} s at ${SAMPLE_RATE / 1000} kHz (HP, 4 EQ bands, compressor, 2 sends each; reverb and delay buses), 128-frame blocks`);
const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const { left } = renderMix({ snapshot, stems, sampleRate: SAMPLE_RATE });
  times.push((performance.now() - start) / 1000);
  if (left.length !== frames) throw new Error('unexpected render length');
}
const seconds = median(times);
print(`  render: ${seconds.toFixed(2)} s (median of ${RUNS}: ${times.map((t) => t.toFixed(2)).join(', ')}), ${(SECONDS / seconds).toFixed(1)}x real time`);
print(`  per track: ${((SECONDS * TRACKS) / seconds).toFixed(0)}x real time for one strip`);
