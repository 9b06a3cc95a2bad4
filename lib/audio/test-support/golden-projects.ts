/**
 * The projects behind the committed golden renders (lib/audio/golden/README.md). Synthetic and
 * deterministic: the same code gives the same stems on every machine. Test-only.
 */
import type { MixSnapshot } from '../../doc';
import { noise, sine } from '../../dsp/test-support/signals';
import { buildMix } from './mix-fixture';
import type { ReferenceTrack } from './reference-mix';

export const GOLDEN_RATE = 48000;
/** 0.25 s: 96 KB per stereo float32 file. */
export const GOLDEN_FRAMES = 12000;

export interface GoldenProject {
  name: string;
  snapshot: MixSnapshot;
  stems: Map<string, Float32Array[]>;
  /** For the fader/pan-only project: the independent reference's input. */
  reference?: ReferenceTrack[];
}

/** A decaying sine burst every `period` frames with a noise click: kick-like. */
function kick(frames: number, period: number): Float32Array {
  const click = noise(frames, 0.3, 11);
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    const t = (n % period) / GOLDEN_RATE;
    out[n] = Math.exp(-t * 30) * Math.sin(2 * Math.PI * (55 + 80 * Math.exp(-t * 40)) * t) + (n % period < 96 ? click[n] : 0);
  }
  return out;
}

/** A band-rich mono line: three harmonics of 110 Hz with a slow amplitude swell. */
function bass(frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    const t = n / GOLDEN_RATE;
    const w = 2 * Math.PI * 110 * t;
    out[n] = (0.5 + 0.3 * Math.sin(2 * Math.PI * 3 * t)) * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.33 * Math.sin(3 * w)) * 0.6;
  }
  return out;
}

export function goldenProjects(): GoldenProject[] {
  const faderPanStems = new Map([
    ['tone', [sine(10000, 220, 0.9)]],
    ['noise', [noise(9000, 0.8, 7), noise(9000, 0.8, 8)]],
    ['chord', [sine(12000, 330, 0.7), sine(12000, 440, 0.7, 0.3)]],
  ]);
  const faderPanTracks = [
    { id: 'tone', stemId: 'tone', gainDb: 9, pan: -0.35, offsetSec: 0 },
    { id: 'noise', stemId: 'noise', gainDb: -4.5, pan: 0.6, offsetSec: 1501 / GOLDEN_RATE },
    { id: 'chord', stemId: 'chord', gainDb: 6, pan: 0, offsetSec: -0.01 },
  ];

  const processedStems = new Map([
    ['kick', [kick(7200, 4800)]],
    ['bass', [bass(7200)]],
    ['pad', [sine(7200, 523.25, 0.4), sine(7200, 659.25, 0.4, 1)]],
  ]);

  const automationStems = new Map([
    ['tone', [sine(GOLDEN_FRAMES, 440, 0.8)]],
    ['hiss', [noise(GOLDEN_FRAMES, 0.5, 21), noise(GOLDEN_FRAMES, 0.5, 22)]],
  ]);

  return [
    {
      name: 'fader-pan',
      snapshot: buildMix({ sampleRate: GOLDEN_RATE, tracks: faderPanTracks }),
      stems: faderPanStems,
      reference: faderPanTracks.map((t) => ({
        stem: faderPanStems.get(t.stemId)!,
        gainDb: t.gainDb,
        pan: t.pan,
        offsetFrames: Math.round(t.offsetSec * GOLDEN_RATE),
      })),
    },
    {
      name: 'processed',
      snapshot: buildMix({
        sampleRate: GOLDEN_RATE,
        buses: [
          { id: 'drums', kind: 'group', strip: { 'comp.on': true, 'comp.thresholdDb': -12, 'comp.ratio': 3, gainDb: -1 } },
          { id: 'verb', kind: 'reverb', params: { decaySec: 1.2, preDelayMs: 12, dampingHz: 9000 } },
          { id: 'dly', kind: 'delay', params: { timeMs: 60, feedback: 0.4, dampingHz: 6000 } },
        ],
        tracks: [
          {
            id: 'kick', stemId: 'kick', gainDb: -2, pan: 0,
            strip: { output: 'drums', 'eq.highpass.on': true, 'eq.highpass.freqHz': 40, 'eq.peak1.on': true, 'eq.peak1.freqHz': 3000, 'eq.peak1.gainDb': 4, 'comp.on': true, 'comp.thresholdDb': -18, 'comp.ratio': 4, 'comp.attackMs': 5 },
            sends: { verb: { levelDb: -14 } },
          },
          {
            id: 'bass', stemId: 'bass', gainDb: -3, pan: -0.2,
            strip: { 'eq.lowpass.on': true, 'eq.lowpass.freqHz': 800, 'eq.lowpass.slope': 24, 'eq.lowShelf.on': true, 'eq.lowShelf.gainDb': 3, trimDb: 2 },
          },
          {
            id: 'pad', stemId: 'pad', gainDb: -6, pan: 0.3, offsetSec: 0.01,
            strip: { 'eq.highShelf.on': true, 'eq.highShelf.gainDb': -4, 'eq.peak2.on': true, 'eq.peak2.gainDb': 2, phase: true },
            sends: { verb: { levelDb: -6 }, dly: { levelDb: -8, pre: true } },
          },
        ],
      }),
      stems: processedStems,
    },
    {
      name: 'automation',
      snapshot: buildMix({
        sampleRate: GOLDEN_RATE,
        buses: [{ id: 'grp', kind: 'group', strip: { pan: 0.5 } }],
        tracks: [
          { id: 'tone', stemId: 'tone', gainDb: 0, pan: 0, automation: { gainDb: [[0, -30], [0.2, 0]], pan: [[0, -1], [0.25, 1]] } },
          {
            id: 'hiss', stemId: 'hiss', gainDb: -144, pan: 0, sends: { grp: { levelDb: -12, pre: true } },
            automation: { mute: [[0, 0], [0.1, 1], [0.15, 0]], 'send:grp': [[0, -12], [0.2, -3]] },
          },
        ],
      }),
      stems: automationStems,
    },
  ];
}
