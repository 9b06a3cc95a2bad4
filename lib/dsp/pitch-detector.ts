import { Fft } from './fft';
import { assertRange, type Hertz } from './units';

export interface PitchDetectorOptions {
  /** Lowest fundamental searched. @min 40 @max 500 @default 70 */
  minHz: Hertz;
  /** Highest fundamental searched. @min 200 @max 2000 @default 1000 */
  maxHz: Hertz;
  /** YIN's threshold on the normalised difference: lower is stricter about what counts as voiced. @min 0.02 @max 0.5 @default 0.15 */
  threshold: number;
  /** Frames between estimates. @min 32 @max 4096 @default 256 */
  hopFrames: number;
}

export interface PitchTrack {
  sampleRate: Hertz;
  hopFrames: number;
  /** Estimate k is for the window centred on frame k x hopFrames. */
  centres: Int32Array;
  /** Fundamental in Hz, or 0 where the signal is not voiced. */
  hz: Float32Array;
  /** YIN's normalised difference at the chosen lag (0 = perfectly periodic). */
  aperiodicity: Float32Array;
}

/** Estimates between progress reports. */
const PROGRESS_EVERY = 256;

/**
 * YIN pitch detection (de Cheveigné and Kawahara, 2002): the difference function of each window,
 * computed from an FFT cross-correlation and running sums of squares, normalised by its cumulative
 * mean; the first dip under the threshold is the period, refined by parabolic interpolation.
 */
export class PitchDetector {
  static getDefaults(): PitchDetectorOptions {
    return { minHz: 70, maxHz: 1000, threshold: 0.15, hopFrames: 256 };
  }

  readonly options: PitchDetectorOptions;

  constructor(options: Partial<PitchDetectorOptions> = {}) {
    const o = { ...PitchDetector.getDefaults(), ...options };
    assertRange('minHz', o.minHz, 40, 500);
    assertRange('maxHz', o.maxHz, 200, 2000);
    assertRange('threshold', o.threshold, 0.02, 0.5);
    assertRange('hopFrames', o.hopFrames, 32, 4096);
    this.options = o;
  }

  /** The pitch track of `samples`; `onProgress` is called with the share done (0..1) every 256 estimates. */
  detect(samples: Float32Array, sampleRate: Hertz, onProgress?: (fraction: number) => void): PitchTrack {
    assertRange('sampleRate', sampleRate, 8000, 384000);
    const { minHz, maxHz, threshold, hopFrames } = this.options;
    const maxLag = Math.ceil(sampleRate / minHz);
    const minLag = Math.max(2, Math.floor(sampleRate / maxHz));
    // The window holds at least one period of the lowest fundamental.
    const window = Math.max(maxLag, Math.round(0.025 * sampleRate));
    let size = 2;
    while (size < 2 * window + maxLag) size *= 2;
    const fft = new Fft(size);
    const aRe = new Float64Array(size);
    const aIm = new Float64Array(size);
    const bRe = new Float64Array(size);
    const bIm = new Float64Array(size);
    const diff = new Float64Array(maxLag + 1);
    const squares = new Float64Array(samples.length + 1);
    for (let i = 0; i < samples.length; i++) squares[i + 1] = squares[i] + samples[i] * samples[i];
    const energy = (from: number, length: number) => {
      const a = Math.max(0, Math.min(samples.length, from));
      const b = Math.max(0, Math.min(samples.length, from + length));
      return squares[b] - squares[a];
    };
    const count = Math.max(1, Math.ceil(samples.length / hopFrames));
    const track: PitchTrack = { sampleRate, hopFrames, centres: new Int32Array(count), hz: new Float32Array(count), aperiodicity: new Float32Array(count).fill(1) };
    const at = (i: number) => (i >= 0 && i < samples.length ? samples[i] : 0);
    for (let k = 0; k < count; k++) {
      if (onProgress && k % PROGRESS_EVERY === 0) onProgress(k / count);
      const centre = k * hopFrames;
      track.centres[k] = centre;
      const start = centre - ((window + maxLag) >> 1);
      if (energy(start, window + maxLag) < 1e-10 * (window + maxLag)) continue;
      aRe.fill(0);
      aIm.fill(0);
      bRe.fill(0);
      bIm.fill(0);
      for (let j = 0; j < window; j++) aRe[j] = at(start + j);
      for (let j = 0; j < window + maxLag; j++) bRe[j] = at(start + j);
      fft.forward(aRe, aIm);
      fft.forward(bRe, bIm);
      // conj(A) x B: the cross-correlation r(tau) = sum_j a[j] b[j + tau].
      for (let i = 0; i < size; i++) {
        const re = aRe[i] * bRe[i] + aIm[i] * bIm[i];
        const im = aRe[i] * bIm[i] - aIm[i] * bRe[i];
        bRe[i] = re;
        bIm[i] = im;
      }
      fft.inverse(bRe, bIm);
      const e0 = energy(start, window);
      diff[0] = 1;
      let running = 0;
      for (let tau = 1; tau <= maxLag; tau++) {
        const d = e0 + energy(start + tau, window) - 2 * bRe[tau];
        running += d;
        diff[tau] = running > 0 ? (d * tau) / running : 1;
      }
      let best = -1;
      for (let tau = minLag; tau < maxLag; tau++) {
        if (diff[tau] < threshold) {
          while (tau + 1 < maxLag && diff[tau + 1] < diff[tau]) tau++;
          best = tau;
          break;
        }
      }
      if (best < 0) continue;
      const y0 = diff[best - 1];
      const y1 = diff[best];
      const y2 = diff[best + 1];
      const curve = y0 - 2 * y1 + y2;
      const lag = curve > 0 ? best + (0.5 * (y0 - y2)) / curve : best;
      track.hz[k] = sampleRate / lag;
      track.aperiodicity[k] = y1;
    }
    return track;
  }
}

/** The track's frequency at frame `frame` (linear between estimates; 0 where either is unvoiced). */
export function pitchAt(track: PitchTrack, frame: number): Hertz {
  const position = frame / track.hopFrames;
  const k = Math.floor(position);
  if (k < 0) return track.hz[0] ?? 0;
  if (k >= track.hz.length - 1) return track.hz[track.hz.length - 1] ?? 0;
  const a = track.hz[k];
  const b = track.hz[k + 1];
  if (a === 0 || b === 0) return position - k < 0.5 ? a : b;
  return a + (b - a) * (position - k);
}
