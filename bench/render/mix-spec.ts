/**
 * The render benchmark's mix, in one place for the Node side (which builds the MixSnapshot from
 * it) and the page bundle (which builds the native Web Audio graph from it). No imports, so the
 * page bundle carries nothing else. Values left at the document's defaults are spelled out too,
 * because the native graph needs them.
 */
export const SAMPLE_RATE = 48000;
export const SECONDS = 60;
export const TRACKS = 16;
export const FRAMES = SECONDS * SAMPLE_RATE;

/** Seeded noise with a tone on top, different per stem and channel (seed 2k+1 left, 2k+2 right). */
export function stemChannel(frames: number, seed: number, out = new Float32Array(frames)): Float32Array {
  let state = seed >>> 0;
  const w = (2 * Math.PI * (80 + 37 * seed)) / SAMPLE_RATE;
  for (let n = 0; n < frames; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[n] = 0.1 * (state / 2147483648 - 1) + 0.3 * Math.sin(w * n);
  }
  return out;
}

export const stemSeeds = (track: number): [number, number] => [2 * track + 1, 2 * track + 2];
export const trackPan = (track: number) => (track / (TRACKS - 1)) * 2 - 1;

/** Every strip: 12 dB/oct Butterworth high-pass, 4 EQ bands, compressor, fader, 2 post-fader sends. */
export const STRIP = {
  highpassHz: 60,
  lowShelf: { freqHz: 100, gainDb: 2 },
  peak1: { freqHz: 400, q: 1, gainDb: -3 },
  peak2: { freqHz: 2500, q: 1, gainDb: 2.5 },
  highShelf: { freqHz: 8000, gainDb: 1.5 },
  comp: { thresholdDb: -20, ratio: 3, kneeDb: 6, attackMs: 10, releaseMs: 100 },
  faderDb: -6,
  sendDb: { verb: -12, dly: -18 },
} as const;

/**
 * The master section of the benchmark mix: two shelves, the glue compressor (sidechain high-pass
 * on), width with mono bass, the true-peak limiter. The native graph gets the shelves, a
 * DynamicsCompressorNode and a second one set as a limiter stand-in (it is no true-peak limiter).
 */
export const MASTER = {
  lowShelf: { freqHz: 80, gainDb: 1 },
  highShelf: { freqHz: 10000, gainDb: 1.5 },
  comp: { thresholdDb: -12, ratio: 2, kneeDb: 6, attackMs: 30, releaseMs: 200 },
  width: 1.1,
  monoBassHz: 120,
  limiter: { ceilingDbtp: -1, releaseMs: 50 },
} as const;

export const REVERB = { decaySec: 2, preDelayMs: 0, dampingHz: 8000 } as const;
export const DELAY = { timeMs: 375, feedback: 0.35, dampingHz: 8000 } as const;

export const dbToGain = (db: number) => Math.pow(10, db / 20);

/** RMS of a stereo render in dBFS, a sanity check that the rows rendered comparable audio. */
export function rmsDb(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let n = 0; n < left.length; n++) sum += left[n] * left[n] + right[n] * right[n];
  return 10 * Math.log10(sum / (2 * left.length));
}
