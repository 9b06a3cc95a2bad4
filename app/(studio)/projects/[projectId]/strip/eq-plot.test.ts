import { describe, expect, it } from 'vitest';
import { dbToY, eqCurvePath, freqToX, spectrumColumns, xToFreq, yToDb } from './eq-plot';
import { DEFAULT_EQ } from '../controls/param-spec';

describe('EQ plot axes', () => {
  it('maps 20 Hz..20 kHz onto the width on a log scale, and back', () => {
    expect(freqToX(20, 300)).toBeCloseTo(0, 9);
    expect(freqToX(20_000, 300)).toBeCloseTo(300, 9);
    expect(freqToX(632.456, 300)).toBeCloseTo(150, 3);
    expect(xToFreq(freqToX(1_234, 500), 500)).toBeCloseTo(1_234, 6);
  });

  it('maps +24..-24 dB from the top to the bottom, and back', () => {
    expect(dbToY(24, 200)).toBe(0);
    expect(dbToY(0, 200)).toBe(100);
    expect(dbToY(-24, 200)).toBe(200);
    expect(yToDb(dbToY(-7.5, 180), 180)).toBeCloseTo(-7.5, 9);
  });

  it('draws a flat EQ as a line through 0 dB', () => {
    expect(eqCurvePath(DEFAULT_EQ, 48_000, 40, 20, 3)).toBe('M0.0 10.0L20.0 10.0L40.0 10.0');
  });
});

describe('spectrumColumns', () => {
  it('takes the loudest bin of each column and puts a tone where its frequency is', () => {
    const fftSize = 2_048;
    const sampleRate = 48_000;
    const bins = new Float32Array(fftSize / 2 + 1).fill(-100);
    const k = Math.round(1_000 / (sampleRate / fftSize));
    bins[k] = -6;
    const columns = spectrumColumns(bins, sampleRate, fftSize, new Float32Array(200));
    const loudest = columns.indexOf(Math.max(...columns));
    expect(columns[loudest]).toBeCloseTo(-6, 5);
    expect(xToFreq(loudest + 0.5, 200)).toBeGreaterThan(900);
    expect(xToFreq(loudest + 0.5, 200)).toBeLessThan(1_100);
  });

  it('interpolates where columns are narrower than a bin, and leaves no gaps at the low end', () => {
    const bins = new Float32Array(1_025).fill(-50);
    const columns = spectrumColumns(bins, 48_000, 2_048, new Float32Array(400));
    expect(columns.every((v) => Math.abs(v + 50) < 1e-6)).toBe(true);
  });
});
