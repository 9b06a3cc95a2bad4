/**
 * A project that uses every feature of issue 18 at once: clips moved, trimmed, gained and faded
 * (every curve), every insert kind on tracks (one bypassed, one switched by a bypass lane, a mono
 * track auto-panned), send and mute lanes, a group bus
 * with its compressor and an insert, a delay bus synced to 1/8 notes with ping-pong, a reverb
 * with size and mix. Synthetic and deterministic. Test-only.
 */
import type { MixSnapshot } from '../../doc';
import { noise, sine } from '../../dsp/test-support/signals';
import { buildMix } from './mix-fixture';

export const DEPTH_RATE = 48000;
/** 1 s, whole 128-frame quanta. */
export const DEPTH_FRAMES = 375 * 128;

export function depthProject(): { snapshot: MixSnapshot; stems: Map<string, Float32Array[]> } {
  const n = DEPTH_FRAMES;
  const stems = new Map([
    ['vox', [sine(n, 220, 0.5)]],
    ['keys', [sine(n, 330, 0.3), sine(n, 440, 0.3, 0.5)]],
    ['drums', [noise(n, 0.4, 31), noise(n, 0.4, 32)]],
    ['pad', [sine(n, 523.25, 0.3)]],
  ]);
  const snapshot = buildMix({
    sampleRate: DEPTH_RATE,
    bpm: 128,
    buses: [
      { id: 'grp', kind: 'group', order: 0, strip: { 'comp.on': true, 'comp.thresholdDb': -20, 'comp.ratio': 4 }, inserts: [{ id: 'ph', kind: 'phaser', params: { sync: '1/16', depth: 0.6 } }] },
      { id: 'dly', kind: 'delay', order: 1, params: { sync: '1/8', feedback: 0.45, pingPong: true, dampingHz: 6000 } },
      { id: 'verb', kind: 'reverb', order: 2, params: { decaySec: 1.5, size: 0.85, mix: 0.8, preDelayMs: 10 } },
    ],
    tracks: [
      {
        id: 'vox', stemId: 'vox', gainDb: -2, pan: 0.1, offsetSec: 0.05,
        clip: { gainDb: 3.5, trimStartSec: 0.02, 'fadeIn.durationSec': 0.1, 'fadeIn.curve': 'exponential', 'fadeOut.durationSec': 0.2, 'fadeOut.curve': 'logarithmic' },
        inserts: [
          { id: 'tune', kind: 'pitch', params: { key: 9, scale: 'minor' } },
          { id: 'eq', kind: 'eq', params: { 'peak1.on': true, 'peak1.gainDb': 3, 'highpass.on': true } },
          { id: 'cmp', kind: 'comp', params: { thresholdDb: -24, ratio: 3 } },
          { id: 'fl', kind: 'flanger', params: { rateHz: 0.7, feedback: -0.4 }, bypass: true },
        ],
        sends: { dly: { levelDb: -6 }, verb: { levelDb: -10, pre: true } },
      },
      {
        id: 'keys', stemId: 'keys', gainDb: -4, pan: -0.3,
        clip: { trimEndSec: 0.1, 'fadeOut.durationSec': 0.3, 'fadeOut.curve': 's_curve' },
        inserts: [{ id: 'ch', kind: 'chorus', params: { sync: '1/4d', depth: 0.8, mix: 0.6 } }],
        sends: { verb: { levelDb: -8 } },
      },
      {
        id: 'drums', stemId: 'drums', gainDb: -6, pan: 0, offsetSec: 0.01,
        strip: { output: 'grp' },
        inserts: [{ id: 'tr', kind: 'tremolo', params: { sync: '1/8t', depth: 0.7 } }, { id: 'fl', kind: 'flanger', params: { rateHz: 2, feedback: 0.6 } }],
        sends: { dly: { levelDb: -12, pre: true } },
        automation: { 'bypass:fl': [[0, 0], [0.4, 1], [0.7, 0]], mute: [[0, 0], [0.9, 1]], 'send:dly': [[0, -12], [0.5, -3]] },
      },
      {
        id: 'pad', stemId: 'pad', gainDb: -3, pan: 0,
        clip: { 'fadeIn.durationSec': 0.4, 'fadeIn.curve': 'equal_power' },
        inserts: [{ id: 'ap', kind: 'auto_pan', params: { sync: '1/2', depth: 0.9 } }],
      },
    ],
  });
  return { snapshot, stems };
}
