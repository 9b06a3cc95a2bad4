/** Test signals and helpers. Test-only: imports nothing from outside, allocates freely. */

export const SAMPLE_RATE = 48000;

/** A sine of `frames` samples: amplitude * sin(2 pi f n / fs + phase). */
export function sine(frames: number, frequency: number, amplitude: number, phase = 0, sampleRate = SAMPLE_RATE): Float32Array {
  const out = new Float32Array(frames);
  const w = (2 * Math.PI * frequency) / sampleRate;
  for (let n = 0; n < frames; n++) out[n] = amplitude * Math.sin(w * n + phase);
  return out;
}

/** Deterministic white noise, uniform in [-amplitude, amplitude) (32-bit LCG, Numerical Recipes constants). */
export function noise(frames: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(frames);
  let state = seed >>> 0;
  for (let n = 0; n < frames; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[n] = amplitude * (state / 2147483648 - 1);
  }
  return out;
}

/** Concatenates segments of a 1 kHz-style tone: [seconds, dBFS] pairs, phase-continuous. */
export function toneSegments(frequency: number, segments: ReadonlyArray<readonly [number, number]>, sampleRate = SAMPLE_RATE): Float32Array {
  const total = segments.reduce((sum, [seconds]) => sum + Math.round(seconds * sampleRate), 0);
  const out = new Float32Array(total);
  const w = (2 * Math.PI * frequency) / sampleRate;
  let n = 0;
  for (const [seconds, db] of segments) {
    const amplitude = db === -Infinity ? 0 : Math.pow(10, db / 20);
    const end = n + Math.round(seconds * sampleRate);
    for (; n < end; n++) out[n] = amplitude * Math.sin(w * n);
  }
  return out;
}

export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let sum = 0;
  for (let n = from; n < to; n++) sum += x[n] * x[n];
  return Math.sqrt(sum / (to - from));
}

export function db(gain: number): number {
  return 20 * Math.log10(gain);
}

/** Runs `process` over `channels` in blocks of `blockSize`, on copies, and returns the outputs. */
export function runBlocks(
  channels: ReadonlyArray<Float32Array>,
  blockSize: number,
  process: (inputs: Float32Array[], outputs: Float32Array[], frames: number) => void,
  outputChannels = channels.length,
): Float32Array[] {
  const frames = channels[0].length;
  const outputs = Array.from({ length: outputChannels }, () => new Float32Array(frames));
  const inBlock = channels.map(() => new Float32Array(blockSize));
  const outBlock = outputs.map(() => new Float32Array(blockSize));
  for (let start = 0; start < frames; start += blockSize) {
    const n = Math.min(blockSize, frames - start);
    channels.forEach((c, i) => inBlock[i].set(c.subarray(start, start + n)));
    process(inBlock, outBlock, n);
    outputs.forEach((o, i) => o.set(outBlock[i].subarray(0, n), start));
  }
  return outputs;
}

/**
 * A deterministic, music-like stereo test signal: a bass line, chords with envelopes, noise
 * "hats" and "kicks", arranged in sections of different loudness, with slightly different left
 * and right mixes.
 */
export function musicLike(seconds: number, sampleRate = SAMPLE_RATE): [Float32Array, Float32Array] {
  const frames = Math.round(seconds * sampleRate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const hiss = noise(frames, 1, 12345);
  const beat = 0.5;
  const roots = [55, 43.65, 49, 41.2];
  const sectionGains = [0.35, 0.7, 0.25, 1.0];
  let kickPhase = 0;
  for (let n = 0; n < frames; n++) {
    const t = n / sampleRate;
    const bar = Math.floor(t / (4 * beat));
    const section = Math.floor(t / 8) % sectionGains.length;
    const g = sectionGains[section];
    const root = roots[bar % roots.length];
    const inBeat = (t % beat) / beat;
    const bass = 0.3 * Math.sin(2 * Math.PI * root * t) * Math.exp(-3 * inBeat);
    let chord = 0;
    for (const ratio of [2, 2.5198, 2.9966, 4]) chord += 0.06 * Math.sin(2 * Math.PI * root * ratio * 2 * t + ratio);
    chord *= 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.25 * t);
    const kickEnv = Math.exp(-25 * inBeat);
    kickPhase += (2 * Math.PI * (45 + 120 * kickEnv)) / sampleRate;
    const kick = 0.5 * kickEnv * Math.sin(kickPhase);
    const offBeat = ((t + beat / 2) % beat) / beat;
    const hat = 0.08 * Math.exp(-60 * offBeat) * hiss[n];
    left[n] = g * (bass + 1.1 * chord + kick + 1.3 * hat);
    right[n] = g * (bass + 0.9 * chord + kick + 0.7 * hat);
  }
  return [left, right];
}

/** A vowel-like spectral envelope: a floor and three formants (linear gain at `hz`). */
function vowelGain(hz: number): number {
  const formant = (centre: number, width: number, gain: number) => gain * Math.exp(-0.5 * ((hz - centre) / width) ** 2);
  return 0.25 + formant(700, 120, 1) + formant(1200, 150, 0.6) + formant(2600, 250, 0.3);
}

/**
 * A sung-like note: a glottal-like harmonic series (falling 1/k) shaped by a vowel envelope that
 * stays put while the pitch moves, with a vibrato of `vibratoCents` at 5.5 Hz.
 */
export function sungNote(seconds: number, hz: number, vibratoCents = 0, sampleRate = SAMPLE_RATE): Float32Array {
  const frames = Math.round(seconds * sampleRate);
  const out = new Float32Array(frames);
  let phase = 0;
  for (let n = 0; n < frames; n++) {
    const f = hz * 2 ** ((vibratoCents * Math.sin((2 * Math.PI * 5.5 * n) / sampleRate)) / 1200);
    phase += (2 * Math.PI * f) / sampleRate;
    let v = 0;
    for (let k = 1; k * f < 5000; k++) v += (vowelGain(k * f) / k) * Math.sin(k * phase);
    out[n] = 0.2 * v;
  }
  return out;
}
