import { open } from 'node:fs/promises';

/** Zoom levels of `peaks.json`, in frames per peak; each a multiple of the first. */
export const PEAK_LEVELS = [64, 256, 1024, 4096] as const;
const JSON_VALUES_PER_WRITE = 1 << 16;

/**
 * Waveform peaks of the canonical copy, streamed. Every `PEAK_LEVELS[0]` frames give one min/max
 * pair per channel, quantised to 8 bits (round(x * 127), min rounded down and max up, clamped to
 * [-128, 127], so any non-silent stretch shows). Coarser levels are merged from the finest at the
 * end (exact: the quantisation is monotonic). Memory: 2 bytes per channel per 64 frames.
 *
 * `peaks.json` (version 1), modelled on BBC audiowaveform's JSON:
 * `{ "version": 1, "sampleRate", "channels", "frames", "bits": 8,
 *    "levels": [{ "samplesPerPeak": 64, "length": L, "data": [min0c0, max0c0, min0c1, max0c1, min1c0, ...] }, ...] }`
 * Peak i of channel c is `data[(i * channels + c) * 2]` (min) and `+ 1` (max); the last peak may
 * cover fewer frames.
 */
export class WaveformPeaks {
  private readonly finest: Int8Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private count = 0;
  private peaks = 0;

  constructor(
    readonly channels: number,
    readonly sampleRate: number,
    readonly frames: number,
  ) {
    this.finest = new Int8Array(Math.ceil(frames / PEAK_LEVELS[0]) * channels * 2);
    this.min = new Float64Array(channels).fill(Infinity);
    this.max = new Float64Array(channels).fill(-Infinity);
  }

  process(planes: ReadonlyArray<Float32Array>, frames: number): void {
    const size = PEAK_LEVELS[0];
    for (let i = 0; i < frames; ) {
      const n = Math.min(size - this.count, frames - i);
      for (let ch = 0; ch < this.channels; ch++) {
        const plane = planes[ch];
        let lo = this.min[ch];
        let hi = this.max[ch];
        for (let k = i; k < i + n; k++) {
          const x = plane[k];
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
        this.min[ch] = lo;
        this.max[ch] = hi;
      }
      this.count += n;
      i += n;
      if (this.count === size) this.closePeak();
    }
  }

  /** Writes `peaks.json` in pieces (never one big string). */
  async write(path: string): Promise<void> {
    if (this.count > 0) this.closePeak();
    const handle = await open(path, 'w');
    try {
      const { channels, sampleRate, frames } = this;
      await handle.write(`{"version":1,"sampleRate":${sampleRate},"channels":${channels},"frames":${frames},"bits":8,"levels":[`);
      for (let l = 0; l < PEAK_LEVELS.length; l++) {
        const data = l === 0 ? this.finest.subarray(0, this.peaks * channels * 2) : this.merge(PEAK_LEVELS[l] / PEAK_LEVELS[0]);
        await handle.write(`${l ? ',' : ''}{"samplesPerPeak":${PEAK_LEVELS[l]},"length":${data.length / (channels * 2)},"data":[`);
        for (let i = 0; i < data.length; i += JSON_VALUES_PER_WRITE) {
          await handle.write((i ? ',' : '') + data.subarray(i, i + JSON_VALUES_PER_WRITE).join(','));
        }
        await handle.write(']}');
      }
      await handle.write(']}');
    } finally {
      await handle.close();
    }
  }

  private closePeak(): void {
    const at = this.peaks * this.channels * 2;
    for (let ch = 0; ch < this.channels; ch++) {
      this.finest[at + ch * 2] = quantise(Math.floor(this.min[ch] * 127));
      this.finest[at + ch * 2 + 1] = quantise(Math.ceil(this.max[ch] * 127));
    }
    this.min.fill(Infinity);
    this.max.fill(-Infinity);
    this.count = 0;
    this.peaks++;
  }

  private merge(factor: number): Int8Array {
    const { channels } = this;
    const length = Math.ceil(this.peaks / factor);
    const out = new Int8Array(length * channels * 2);
    for (let p = 0; p < length; p++) {
      for (let ch = 0; ch < channels; ch++) {
        let lo = 127;
        let hi = -128;
        for (let q = p * factor; q < Math.min((p + 1) * factor, this.peaks); q++) {
          lo = Math.min(lo, this.finest[(q * channels + ch) * 2]);
          hi = Math.max(hi, this.finest[(q * channels + ch) * 2 + 1]);
        }
        out[(p * channels + ch) * 2] = lo;
        out[(p * channels + ch) * 2 + 1] = hi;
      }
    }
    return out;
  }
}

function quantise(v: number): number {
  return v < -128 ? -128 : v > 127 ? 127 : v;
}
