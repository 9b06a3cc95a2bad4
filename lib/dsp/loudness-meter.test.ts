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
