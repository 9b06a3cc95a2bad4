/**
 * Client side of `GET /api/stems/:id/peaks` (format: `server/ingest/README.md`, modelled on BBC
 * audiowaveform's JSON): 8-bit min/max pairs per channel at a few zoom levels. Pure: no DOM.
 */

export interface PeakLevel {
  /** Frames of audio one peak covers (64, 256, 1024, 4096). */
  samplesPerPeak: number;
  /** Peaks in this level; the last may cover fewer frames. */
  length: number;
  /** `[min, max]` per channel per peak, interleaved: peak i, channel c at `(i * channels + c) * 2`. */
  data: Int8Array;
}

export interface WaveformPeaks {
  sampleRate: number;
  channels: number;
  frames: number;
  /** Finest first. */
  levels: PeakLevel[];
}

const MAX_CHANNELS = 8;

function positiveInt(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new Error(`peaks: ${what} is not a positive integer`);
  return value;
}

/** Checks the shape of a parsed `peaks.json` and packs its data into typed arrays; throws on anything off. */
export function parseWaveformPeaks(json: unknown): WaveformPeaks {
  if (typeof json !== 'object' || json === null) throw new Error('peaks: not an object');
  const o = json as Record<string, unknown>;
  if (o.version !== 1) throw new Error(`peaks: unsupported version ${String(o.version)}`);
  if (o.bits !== 8) throw new Error(`peaks: unsupported bits ${String(o.bits)}`);
  const sampleRate = positiveInt(o.sampleRate, 'sampleRate');
  const channels = positiveInt(o.channels, 'channels');
  if (channels > MAX_CHANNELS) throw new Error(`peaks: ${channels} channels`);
  const frames = typeof o.frames === 'number' && Number.isInteger(o.frames) && o.frames >= 0 ? o.frames : NaN;
  if (Number.isNaN(frames)) throw new Error('peaks: frames is not a count');
  if (!Array.isArray(o.levels) || o.levels.length === 0) throw new Error('peaks: no levels');

  const levels = o.levels.map((raw: unknown, i): PeakLevel => {
    const l = raw as Record<string, unknown>;
    const samplesPerPeak = positiveInt(l?.samplesPerPeak, `levels[${i}].samplesPerPeak`);
    const values = l?.data;
    if (!Array.isArray(values) || values.length % (channels * 2) !== 0) throw new Error(`peaks: levels[${i}].data has a partial peak`);
    const length = values.length / (channels * 2);
    // `length` is redundant with the data; trust the data, which is what gets drawn.
    const data = new Int8Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      data[k] = typeof v === 'number' && v >= -128 && v <= 127 ? v : 0;
    }
    return { samplesPerPeak, length, data };
  });
  levels.sort((a, b) => a.samplesPerPeak - b.samplesPerPeak);
  return { sampleRate, channels, frames, levels };
}

/**
 * The level to draw at `framesPerPixel`: the coarsest one that still has at least one peak per
 * pixel (so nothing is skipped), else the finest.
 */
export function pickPeakLevel(peaks: WaveformPeaks, framesPerPixel: number): PeakLevel {
  let best = peaks.levels[0];
  for (const level of peaks.levels) if (level.samplesPerPeak <= framesPerPixel) best = level;
  return best;
}
