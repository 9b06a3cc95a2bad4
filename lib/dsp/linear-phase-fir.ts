import { Fft } from './fft';
import { assertRange, type GainFactor, type Hertz } from './units';

/**
 * A linear-phase FIR with the magnitude response `magnitudeAt` (frequency sampling, then a
 * Blackman window). `taps` is odd, so the delay is a whole (taps - 1) / 2 samples. The window
 * smooths the response over about 4 x sampleRate / taps (47 Hz at 4095 taps, 48 kHz): shelves and
 * peaks above ~100 Hz come out as drawn, steeper low cuts are gentler than their biquads.
 */
export function designLinearPhaseFir(magnitudeAt: (frequency: Hertz) => GainFactor, taps: number, sampleRate: Hertz): Float64Array {
  assertRange('taps', taps, 1, 65535);
  if (taps % 2 === 0) throw new RangeError(`taps must be odd, got ${taps}`);
  let size = 1;
  while (size < 2 * taps) size *= 2;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let k = 0; k <= size / 2; k++) {
    const m = magnitudeAt((k * sampleRate) / size);
    re[k] = m;
    if (k > 0 && k < size / 2) re[size - k] = m;
  }
  new Fft(size).inverse(re, im);
  const half = (taps - 1) / 2;
  const out = new Float64Array(taps);
  for (let n = 0; n < taps; n++) {
    const w = taps === 1 ? 1 : 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (taps - 1));
    out[n] = re[(n - half + size) % size] * w;
  }
  return out;
}
