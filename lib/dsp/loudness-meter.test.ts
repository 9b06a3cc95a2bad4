import { describe, expect, it } from 'vitest';
import { biquadMagnitude } from './biquad-coefficients';
import { K_WEIGHTING_48K, kWeightingCoefficients, kWeightingFromPrototype } from './k-weighting';
import { LoudnessMeter } from './loudness-meter';
import { SignalStats } from './signal-stats';
import { db, noise, sine, toneSegments } from './test-support/signals';

type Segments = ReadonlyArray<readonly [number, number]>;

/** Measures a stereo (identical channels) 1 kHz tone made of [seconds, dBFS] segments. */
function measureTone(segments: Segments, sampleRate = 48000, blockSize = 4096): LoudnessMeter {
  const tone = toneSegments(1000, segments, sampleRate);
  const meter = new LoudnessMeter({ sampleRate });
  for (let start = 0; start < tone.length; start += blockSize) {
    meter.process([tone, tone], Math.min(blockSize, tone.length - start), start);
  }
  return meter;
}

/**
 * The lowest and highest of a reading once `fromSec` of a stereo tone (the same on both sides)
 * has gone in, fed in 100 ms steps at 48 kHz.
 */
function readingRange(tone: Float32Array, read: (meter: LoudnessMeter) => number, fromSec: number): { min: number; max: number } {
  const meter = new LoudnessMeter();
  let min = Infinity;
  let max = -Infinity;
  const step = 4800;
  for (let start = 0; start + step <= tone.length; start += step) {
    meter.process([tone, tone], step, start);
    if (start >= fromSec * 48000) {
      min = Math.min(min, read(meter));
      max = Math.max(max, read(meter));
    }
  }
  return { min, max };
}

describe('K-weighting', () => {
  it('uses the BS.1770-4 table at 48 kHz, and the general formula reproduces that table within 1e-8', () => {
    const table = new Float64Array(10);
    kWeightingCoefficients(48000, table);
    expect(Array.from(table)).toEqual(K_WEIGHTING_48K);
    const formula = new Float64Array(10);
    kWeightingFromPrototype(48000, formula);
    formula.forEach((c, i) => expect(Math.abs(c - K_WEIGHTING_48K[i])).toBeLessThan(1e-8));
  });

  it('has the same response at 44.1 kHz as at 48 kHz below 10 kHz (within 0.02 dB)', () => {
    const at48 = new Float64Array(10);
    const at44 = new Float64Array(10);
    kWeightingCoefficients(48000, at48);
    kWeightingCoefficients(44100, at44);
    const response = (c: Float64Array, f: number, fs: number) =>
      db(biquadMagnitude(c, f, fs, 0) * biquadMagnitude(c, f, fs, 5));
    for (const f of [20, 100, 1000, 2000, 5000, 10000]) {
      expect(Math.abs(response(at48, f, 48000) - response(at44, f, 44100))).toBeLessThan(0.02);
    }
    expect(response(at48, 997, 48000)).toBeCloseTo(0.691, 1);
  });
});

describe('LoudnessMeter against EBU Tech 3341 (minimum requirements, tolerance +-0.1 LU)', () => {
  it('case 1: stereo 1 kHz sine at -23 dBFS for 20 s reads -23.0 momentary, short-term and integrated', () => {
    const meter = measureTone([[20, -23]]);
    expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
    expect(Math.abs(meter.momentary + 23)).toBeLessThan(0.1);
    expect(Math.abs(meter.shortTerm + 23)).toBeLessThan(0.1);
  });

  it('case 2: stereo 1 kHz sine at -33 dBFS for 20 s reads -33.0', () => {
    const meter = measureTone([[20, -33]]);
    expect(Math.abs(meter.integrated + 33)).toBeLessThan(0.1);
    expect(Math.abs(meter.momentary + 33)).toBeLessThan(0.1);
    expect(Math.abs(meter.shortTerm + 33)).toBeLessThan(0.1);
  });

  it('case 3 (relative gate): -36 dBFS 10 s, -23 dBFS 60 s, -36 dBFS 10 s integrates to -23.0', () => {
    const meter = measureTone([[10, -36], [60, -23], [10, -36]]);
    expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 4 (absolute and relative gates): -72, -36, -23 (60 s), -36, -72 dBFS integrates to -23.0', () => {
    const meter = measureTone([[10, -72], [10, -36], [60, -23], [10, -36], [10, -72]]);
    expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 5: -26 dBFS 20 s, -20 dBFS 20.1 s, -26 dBFS 20 s integrates to -23.0', () => {
    const meter = measureTone([[20, -26], [20.1, -20], [20, -26]]);
    expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 6: 5.0 channels (L, R -28, C -24, Ls, Rs -30 dBFS, surround weight 1.41) integrate to -23.0', () => {
    const levels = [-28, -28, -24, -30, -30];
    const channels = levels.map((level) => toneSegments(1000, [[20, level]]));
    const meter = new LoudnessMeter({ channels: 5, channelWeights: [1, 1, 1, 1.41, 1.41] });
    meter.process(channels, channels[0].length);
    expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 9: 20 x (1.34 s at -20, 1.66 s at -30 dBFS) keeps short-term at -23.0 once 3 s have passed', () => {
    const segments: Array<[number, number]> = [];
    for (let k = 0; k < 20; k++) segments.push([1.34, -20], [1.66, -30]);
    const { min, max } = readingRange(toneSegments(1000, segments), (m) => m.shortTerm, 3);
    expect(Math.abs(min + 23)).toBeLessThan(0.1);
    expect(Math.abs(max + 23)).toBeLessThan(0.1);
  });

  it('case 12: 25 x (0.18 s at -20, 0.22 s at -30 dBFS) keeps momentary at -23.0 once 400 ms have passed', () => {
    const segments: Array<[number, number]> = [];
    for (let k = 0; k < 25; k++) segments.push([0.18, -20], [0.22, -30]);
    const { min, max } = readingRange(toneSegments(1000, segments), (m) => m.momentary, 0.4);
    expect(Math.abs(min + 23)).toBeLessThan(0.1);
    expect(Math.abs(max + 23)).toBeLessThan(0.1);
  });

  it('case 1 at 44.1 kHz (general K-weighting formula) also reads -23.0', () => {
    const meter = measureTone([[20, -23]], 44100);
    expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
  });

  it('gives the same readings (to 1e-9 LU, summation order aside) whether fed 1 frame or 4096 frames at a time', () => {
    const segments: Segments = [[2, -30], [3, -18], [2, -40]];
    const a = measureTone(segments, 48000, 1);
    const b = measureTone(segments, 48000, 4096);
    expect(Math.abs(a.integrated - b.integrated)).toBeLessThan(1e-9);
    expect(Math.abs(a.shortTerm - b.shortTerm)).toBeLessThan(1e-9);
    expect(Math.abs(a.loudnessRange - b.loudnessRange)).toBeLessThan(1e-9);
    expect(a.truePeak).toBe(b.truePeak);
  });

  it('reads -Infinity for silence and for anything below the -70 LUFS absolute gate', () => {
    const silent = measureTone([[5, -Infinity]]);
    expect(silent.integrated).toBe(-Infinity);
    expect(silent.momentary).toBe(-Infinity);
    expect(measureTone([[5, -75]]).integrated).toBe(-Infinity);
  });
});

describe('LoudnessMeter true peak against EBU Tech 3341 cases 15-19 (tolerance +0.2 / -0.4 dB)', () => {
  const cases: Array<{ name: string; frequency: number; phaseDeg: number; peakDb: number }> = [
    { name: 'case 15: fs/4, phase 0, -6 dBTP', frequency: 12000, phaseDeg: 0, peakDb: -6 },
    { name: 'case 16: fs/4, phase 45 deg, -6 dBTP (sample peak -9 dBFS)', frequency: 12000, phaseDeg: 45, peakDb: -6 },
    { name: 'case 17: fs/6, phase 60 deg, -6 dBTP', frequency: 8000, phaseDeg: 60, peakDb: -6 },
    { name: 'case 18: fs/8, phase 67.5 deg, -6 dBTP', frequency: 6000, phaseDeg: 67.5, peakDb: -6 },
    { name: 'case 19: fs/4, phase 45 deg, 0 dBTP (sample peak -3 dBFS)', frequency: 12000, phaseDeg: 45, peakDb: 0 },
  ];
  /** A 20 ms raised-cosine fade-in: a sine switched on at full level rings the interpolator by up to +0.7 dB. */
  const fadeIn = (signal: Float32Array) => {
    for (let n = 0; n < 960; n++) signal[n] *= 0.5 - 0.5 * Math.cos((Math.PI * n) / 960);
    return signal;
  };
  for (const c of cases) {
    it(c.name, () => {
      const amplitude = Math.pow(10, c.peakDb / 20);
      const signal = fadeIn(sine(48000, c.frequency, amplitude, (c.phaseDeg * Math.PI) / 180));
      const meter = new LoudnessMeter();
      meter.process([signal, signal], signal.length);
      expect(meter.truePeak - c.peakDb).toBeLessThanOrEqual(0.2);
      expect(meter.truePeak - c.peakDb).toBeGreaterThanOrEqual(-0.4);
    });
  }

  it('reads the sample peak of fs/4 at 45 deg as -3 dB below the true peak', () => {
    const signal = sine(48000, 12000, 1, Math.PI / 4);
    const meter = new LoudnessMeter();
    meter.process([signal, signal], signal.length);
    expect(meter.samplePeak).toBeCloseTo(-3.0103, 3);
  });
});

describe('LoudnessMeter loudness range against EBU Tech 3342 (tolerance +-1 LU)', () => {
  const cases: Array<{ name: string; segments: Segments; lra: number }> = [
    { name: 'case 1: 20 s at -20 dBFS then 20 s at -30 dBFS gives 10 LU', segments: [[20, -20], [20, -30]], lra: 10 },
    { name: 'case 2: 20 s at -20 then -15 dBFS gives 5 LU', segments: [[20, -20], [20, -15]], lra: 5 },
    { name: 'case 3: 20 s at -40 then -20 dBFS gives 20 LU', segments: [[20, -40], [20, -20]], lra: 20 },
    { name: 'case 4: -50, -35, -20, -35, -50 dBFS, 20 s each, gives 15 LU', segments: [[20, -50], [20, -35], [20, -20], [20, -35], [20, -50]], lra: 15 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(Math.abs(measureTone(c.segments).loudnessRange - c.lra)).toBeLessThan(1);
    });
  }

  it('gives 0 LU for a steady tone', () => {
    expect(measureTone([[10, -23]]).loudnessRange).toBeLessThan(0.01);
  });
});

describe('SignalStats', () => {
  it('reads the DC offset of a sine plus 0.1 as 0.1 (within 1e-6) and counts samples at full scale', () => {
    const frames = 48000;
    const left = sine(frames, 100, 0.5);
    for (let n = 0; n < frames; n++) left[n] += 0.1;
    const right = noise(frames, 0.5);
    right[10] = 1;
    right[20] = -1.5;
    right[30] = 0.9999;
    const stats = new SignalStats();
    stats.process([left, right], frames);
    expect(Math.abs(stats.dcOffset(0) - 0.1)).toBeLessThan(1e-6);
    expect(stats.dcOffsetDb(0)).toBeCloseTo(-20, 4);
    expect(stats.clippedSamples(0)).toBe(0);
    expect(stats.clippedSamples(1)).toBe(2);
    expect(stats.samplePeak(1)).toBe(1.5);
    expect(stats.frameCount).toBe(frames);
  });
});

/** The largest reading in each of `segments` consecutive windows of `segmentSec`, fed in 10 ms blocks. */
function segmentMaxima(signal: Float32Array, read: (meter: LoudnessMeter) => number, segmentSec: number, segments: number): number[] {
  const meter = new LoudnessMeter();
  const block = 480;
  const maxima = new Array<number>(segments).fill(-Infinity);
  for (let start = 0; start + block <= signal.length; start += block) {
    meter.process([signal, signal], block, start);
    const segment = Math.floor((start + block - 1) / (segmentSec * 48000));
    if (segment < segments) maxima[segment] = Math.max(maxima[segment], read(meter));
  }
  return maxima;
}

describe('LoudnessMeter maxima against EBU Tech 3341 cases 10, 11, 13 and 14 (synthetic, tolerance +-0.1 LU)', () => {
  it('case 10: max short-term of a 3 s burst at -23 dBFS is -23.0 for 20 start offsets off the 100 ms grid', () => {
    for (let k = 1; k <= 20; k++) {
      const signal = toneSegments(1000, [[k * 0.0373, -Infinity], [3, -23], [1, -Infinity]]);
      const meter = new LoudnessMeter();
      for (let start = 0; start < signal.length; start += 1000) meter.process([signal, signal], Math.min(1000, signal.length - start), start);
      expect({ k, error: Math.abs(meter.maxShortTerm + 23) < 0.1 }).toEqual({ k, error: true });
    }
  });

  it('case 11: 20 segments of 6 s with bursts at -38 .. -19 dBFS give those maxima of short-term loudness', () => {
    const segments: Array<[number, number]> = [];
    for (let k = 0; k < 20; k++) segments.push([3.2, -38 + k], [2.8, -Infinity]);
    const maxima = segmentMaxima(toneSegments(1000, segments), (m) => m.shortTerm, 6, 20);
    maxima.forEach((max, k) => expect({ k, error: Math.abs(max - (-38 + k)) < 0.1 }).toEqual({ k, error: true }));
  });

  it('case 13: max momentary of a 400 ms burst at -23 dBFS is -23.0 for 20 start offsets', () => {
    for (let k = 1; k <= 20; k++) {
      const signal = toneSegments(1000, [[k * 0.0137, -Infinity], [0.4, -23], [0.6, -Infinity]]);
      const meter = new LoudnessMeter();
      meter.process([signal, signal], signal.length);
      expect({ k, error: Math.abs(meter.maxMomentary + 23) < 0.1 }).toEqual({ k, error: true });
    }
  });

  it('case 14: 20 segments of 0.8 s with 400 ms bursts at -38 .. -19 dBFS give those maxima of momentary loudness', () => {
    const segments: Array<[number, number]> = [];
    for (let k = 0; k < 20; k++) segments.push([0.4, -38 + k], [0.4, -Infinity]);
    const maxima = segmentMaxima(toneSegments(1000, segments), (m) => m.momentary, 0.8, 20);
    maxima.forEach((max, k) => expect({ k, error: Math.abs(max - (-38 + k)) < 0.1 }).toEqual({ k, error: true }));
  });
});

/**
 * Programme-like level patterns of 1 kHz tone on the 100 ms grid (dialogue-like phrases, pauses,
 * music-like sustained passages), standing in for the EBU's authentic programmes (3341 cases 7 and
 * 8, the same files as 3342 cases 5 and 6). Each 100 ms step of a stereo 1 kHz sine at L dBFS
 * reads L LUFS, so the expected integrated loudness and loudness range follow from the pattern by
 * the gating arithmetic alone, computed here independently of LoudnessMeter.
 */
function programmePattern(seed: number, spreadDb: number, seconds: number): number[] {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  const steps: number[] = [];
  while (steps.length < seconds * 10) {
    const kind = random();
    const length = 3 + Math.floor(random() * 25);
    const level = kind < 0.15 ? -Infinity : -23 + (random() - 0.5) * spreadDb;
    for (let k = 0; k < length; k++) steps.push(level === -Infinity ? -Infinity : level + (random() - 0.5) * 2);
  }
  return steps.slice(0, seconds * 10);
}

function referenceLoudness(steps: number[]): { integrated: number; lra: number } {
  const energy = steps.map((l) => (l === -Infinity ? 0 : Math.pow(10, (l + 0.691) / 10)));
  const lufs = (e: number) => -0.691 + 10 * Math.log10(e);
  const windows = (n: number) => energy.slice(n - 1).map((_, i) => energy.slice(i, i + n).reduce((a, b) => a + b, 0) / n);
  const gated = (blocks: number[], relative: number) => {
    const absolute = blocks.filter((e) => e > 0 && lufs(e) > -70);
    const threshold = lufs(absolute.reduce((a, b) => a + b, 0) / absolute.length) + relative;
    return absolute.filter((e) => lufs(e) > threshold);
  };
  const blocks = gated(windows(4), -10);
  const shortTerm = gated(windows(30), -20).map(lufs).sort((a, b) => a - b);
  const at = (p: number) => shortTerm[Math.round((shortTerm.length - 1) * p)];
  return { integrated: lufs(blocks.reduce((a, b) => a + b, 0) / blocks.length), lra: at(0.95) - at(0.1) };
}

describe('LoudnessMeter on programme-like patterns: EBU Tech 3341 cases 7 and 8, Tech 3342 cases 5 and 6 (synthetic stand-ins)', () => {
  const cases = [
    { name: '3341 case 7 / 3342 case 5: dialogue-like phrases and pauses, I -23.0 (+-0.1), LRA about 5 (+-1 LU)', seed: 7, spread: 7, lra: 5 },
    { name: '3341 case 8 / 3342 case 6: a wide programme, I -23.0 (+-0.1), LRA about 15 (+-1 LU)', seed: 8, spread: 21, lra: 15 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pattern = programmePattern(c.seed, c.spread, 90);
      const shift = -23 - referenceLoudness(pattern).integrated;
      const levels = pattern.map((l) => l + shift);
      const reference = referenceLoudness(levels);
      expect(reference.integrated).toBeCloseTo(-23, 6);
      expect(Math.abs(reference.lra - c.lra)).toBeLessThan(1.5);
      const meter = measureTone(levels.map((l) => [0.1, l] as const));
      expect(Math.abs(meter.integrated + 23)).toBeLessThan(0.1);
      expect(Math.abs(meter.loudnessRange - reference.lra)).toBeLessThan(1);
    });
  }
});

describe('LoudnessMeter true peak on EBU Tech 3341 cases 20-23 (synthetic stand-ins at 0 dBTP, tolerance +0.2 / -0.4 dB)', () => {
  /** Scales a signal given as a formula so that its continuous peak (on a 1/64-sample grid) is 1. */
  function atContinuousPeak(frames: number, f: (t: number) => number): Float32Array {
    let peak = 0;
    for (let n = 0; n < frames * 64; n++) peak = Math.max(peak, Math.abs(f(n / 64)));
    const out = new Float32Array(frames);
    for (let n = 0; n < frames; n++) out[n] = f(n) / peak;
    return out;
  }
  const fade = (t: number) => (t < 960 ? 0.5 - 0.5 * Math.cos((Math.PI * t) / 960) : 1);
  const cases: Array<[string, (t: number) => number]> = [
    ['case 20 stand-in: a band-limited square wave (odd harmonics of 1 kHz to 19 kHz)', (t) => {
      let x = 0;
      for (let h = 1; h <= 19; h += 2) x += Math.sin((2 * Math.PI * 1000 * h * t) / 48000) / h;
      return fade(t) * x;
    }],
    ['case 21 stand-in: two tones at 10 and 15 kHz', (t) => fade(t) * (Math.sin((2 * Math.PI * 10000 * t) / 48000) + 0.8 * Math.sin((2 * Math.PI * 15000 * t) / 48000 + 1))],
    ['case 22 stand-in: a 17 kHz sine, 30 degrees', (t) => fade(t) * Math.sin((2 * Math.PI * 17000 * t) / 48000 + Math.PI / 6)],
    ['case 23 stand-in: a band-limited pulse peaking between two samples', (t) => {
      const u = t - 2400.5;
      const sinc = u === 0 ? 1 : Math.sin(Math.PI * 0.8 * u) / (Math.PI * 0.8 * u);
      return sinc * Math.exp(-(u * u) / (2 * 40 * 40));
    }],
  ];
  for (const [name, f] of cases) {
    it(`${name} reads 0 dBTP`, () => {
      const signal = atContinuousPeak(4800, f);
      const meter = new LoudnessMeter();
      meter.process([signal, signal], signal.length);
      expect(meter.truePeak).toBeLessThanOrEqual(0.2);
      expect(meter.truePeak).toBeGreaterThanOrEqual(-0.4);
      expect(meter.samplePeak).toBeLessThan(meter.truePeak);
    });
  }
});
