import { Fft } from './fft';
import type { Decibels, Hertz } from './units';

/** Centres of the third-octave bands the average spectrum is read in: 25 Hz .. 16 kHz (ISO 266). */
export const SPECTRUM_BANDS_HZ: readonly Hertz[] = [
  25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000,
  12500, 16000,
];

const FFT_SIZE = 8192;
/** At most this many windows are averaged (spread over the whole programme). */
const MAX_WINDOWS = 240;

/**
 * The long-term average spectrum of a stereo programme, in dB per third-octave band
 * (`SPECTRUM_BANDS_HZ`): the power of the mid signal (L + R) / 2 through a Hann-windowed FFT of
 * 8192 points, averaged over up to 240 windows spread across the programme, summed per band.
 * Relative levels only (the same scale for any two programmes at the same rate).
 */
export function averageSpectrum(channels: readonly [Float32Array, Float32Array], sampleRate: Hertz): Float64Array {
  const frames = channels[0].length;
  const fft = new Fft(FFT_SIZE);
  const re = new Float64Array(FFT_SIZE);
  const im = new Float64Array(FFT_SIZE);
  const power = new Float64Array(FFT_SIZE / 2);
  const hann = Float64Array.from({ length: FFT_SIZE }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE));
  const windows = Math.max(1, Math.min(MAX_WINDOWS, Math.floor(frames / FFT_SIZE)));
  const step = frames > FFT_SIZE ? (frames - FFT_SIZE) / Math.max(1, windows - 1) : 0;
  for (let w = 0; w < windows; w++) {
    const at = Math.round(w * step);
    for (let i = 0; i < FFT_SIZE; i++) {
      const n = at + i;
      re[i] = n < frames ? ((channels[0][n] + channels[1][n]) / 2) * hann[i] : 0;
      im[i] = 0;
    }
    fft.forward(re, im);
    for (let k = 0; k < FFT_SIZE / 2; k++) power[k] += (re[k] * re[k] + im[k] * im[k]) / windows;
  }
  const bands = new Float64Array(SPECTRUM_BANDS_HZ.length);
  const binHz = sampleRate / FFT_SIZE;
  SPECTRUM_BANDS_HZ.forEach((centre, b) => {
    const lo = centre / Math.pow(2, 1 / 6);
    const hi = Math.min(centre * Math.pow(2, 1 / 6), sampleRate / 2);
    let sum = 0;
    for (let k = Math.max(1, Math.ceil(lo / binHz)); k <= Math.floor(hi / binHz) && k < FFT_SIZE / 2; k++) sum += power[k];
    // Below a bin's width the band takes its nearest bin.
    if (sum === 0) sum = power[Math.max(1, Math.round(centre / binHz))];
    bands[b] = sum > 0 ? 10 * Math.log10(sum) : -200;
  });
  return bands;
}

/** A spectrum with its mean over 200 Hz .. 5 kHz taken off: the shape, whatever the level. */
export function spectrumShape(bands: ArrayLike<number>): Float64Array {
  let sum = 0;
  let n = 0;
  SPECTRUM_BANDS_HZ.forEach((f, b) => {
    if (f >= 200 && f <= 5000) {
      sum += bands[b];
      n++;
    }
  });
  const mean = sum / n;
  return Float64Array.from(bands, (v) => v - mean);
}

/** The four tone controls a match EQ sets on the master EQ: where, and which bands decide each. */
export const MATCH_EQ_BANDS = [
  { band: 'lowShelf', freqHz: 100, q: 0.707, fromHz: 25, toHz: 100 },
  { band: 'peak1', freqHz: 400, q: 0.8, fromHz: 250, toHz: 630 },
  { band: 'peak2', freqHz: 2500, q: 0.8, fromHz: 1600, toHz: 4000 },
  { band: 'highShelf', freqHz: 8000, q: 0.707, fromHz: 8000, toHz: 16000 },
] as const;

/** The largest correction a match EQ makes, in dB (a reference is a direction, not a target). */
export const MATCH_EQ_MAX_DB = 6;

export interface MatchEqSetting {
  band: (typeof MATCH_EQ_BANDS)[number]['band'];
  freqHz: Hertz;
  q: number;
  gainDb: Decibels;
}

/**
 * The match EQ that moves `master` toward `reference` (both `averageSpectrum`s): per tone control,
 * the mean difference of the two shapes over its bands, each relative to the mids, clamped to
 * +-6 dB and rounded to 0.5 dB. Peaks are the difference left after the shelves' neighbours.
 */
export function matchEq(master: ArrayLike<number>, reference: ArrayLike<number>): MatchEqSetting[] {
  const a = spectrumShape(master);
  const b = spectrumShape(reference);
  return MATCH_EQ_BANDS.map((m) => {
    let sum = 0;
    let n = 0;
    SPECTRUM_BANDS_HZ.forEach((f, k) => {
      if (f >= m.fromHz && f <= m.toHz) {
        sum += b[k] - a[k];
        n++;
      }
    });
    const raw = n > 0 ? sum / n : 0;
    const gainDb = Math.round(Math.max(-MATCH_EQ_MAX_DB, Math.min(MATCH_EQ_MAX_DB, raw)) * 2) / 2;
    return { band: m.band, freqHz: m.freqHz, q: m.q, gainDb: gainDb === 0 ? 0 : gainDb };
  });
}
