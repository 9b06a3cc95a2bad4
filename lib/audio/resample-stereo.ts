import { Resampler } from '../dsp/resampler';
import type { Hertz } from '../dsp';

/** Both channels of a whole stereo buffer at `outputRate` (the band-limited `Resampler`, aligned at frame 0). */
export function resampleStereo(channels: readonly Float32Array[], inputRate: Hertz, outputRate: Hertz): [Float32Array, Float32Array] {
  const chunk = 8192;
  const resampler = new Resampler({ inputRate, outputRate, channels: 2, maxBlockFrames: chunk });
  const length = resampler.outputLength(channels[0].length);
  const out: [Float32Array, Float32Array] = [new Float32Array(length), new Float32Array(length)];
  let written = 0;
  const views = () => [out[0].subarray(written), out[1].subarray(written)];
  for (let at = 0; at < channels[0].length; at += chunk) {
    written += resampler.process(channels, Math.min(chunk, channels[0].length - at), views(), at);
  }
  written += resampler.flush(views());
  return out;
}
