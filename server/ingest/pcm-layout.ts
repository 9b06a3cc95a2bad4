import { formatDuration, unprocessable } from './ingest-errors';
import type { IngestLimits } from './ingest-options';

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 384000;

/** Where and how uncompressed samples sit in a WAV or AIFF file. */
export interface PcmLayout {
  /** 'uint' is 8-bit WAV (offset binary); AIFF 8-bit is 'int'. */
  encoding: 'int' | 'uint' | 'float';
  /** Container bytes per sample; valid bits are left-justified in it. */
  bytesPerSample: 1 | 2 | 3 | 4 | 8;
  littleEndian: boolean;
  channels: number;
  sampleRate: number;
  /** Valid bits per sample as declared (e.g. 20 in a 24-bit container). */
  bitDepth: number;
  /** Byte offset of the first frame. */
  dataOffset: number;
  frames: number;
}

export interface StreamParams {
  channels: number;
  sampleRate: number;
  /** Declared frames, when the header declares them. */
  frames: number | null;
}

/** The checks every format shares, on declared values, in the order a person would fix them. */
export function validateStreamParams(params: StreamParams, limits: IngestLimits): void {
  const { channels, sampleRate, frames } = params;
  if (channels === 0) throw unprocessable('the header declares zero channels', { channels });
  if (channels > limits.maxChannels) {
    const message =
      limits.maxChannels <= 2
        ? `${channels} channels: stems must be mono or stereo`
        : `${channels} channels: at most ${limits.maxChannels} are supported`;
    throw unprocessable(message, { channels, maxChannels: limits.maxChannels });
  }
  if (!Number.isFinite(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    const shown = Number.isFinite(sampleRate) ? String(Math.round(sampleRate * 100) / 100) : String(sampleRate);
    throw unprocessable(`sample rate ${shown} Hz is not plausible (${MIN_SAMPLE_RATE}-${MAX_SAMPLE_RATE})`, { sampleRate });
  }
  if (frames !== null) checkLength(frames, channels, sampleRate, limits, 'declared');
}

/** Duration and sample-count limits; `kind` says whether the length was declared or decoded. */
export function checkLength(frames: number, channels: number, sampleRate: number, limits: IngestLimits, kind: 'declared' | 'decoded'): void {
  const seconds = frames / sampleRate;
  if (seconds > limits.maxDurationSec) {
    const what = kind === 'declared' ? `declared length of ${formatDuration(seconds)}` : `decoded length of more than ${formatDuration(limits.maxDurationSec)}`;
    throw unprocessable(`${what} exceeds the limit of ${formatDuration(limits.maxDurationSec)}`, { seconds, maxDurationSec: limits.maxDurationSec });
  }
  if (frames * channels > limits.maxDecodedSamples) {
    throw unprocessable(`${kind} size of ${frames * channels} samples exceeds the limit of ${limits.maxDecodedSamples} samples`, {
      samples: frames * channels,
      maxDecodedSamples: limits.maxDecodedSamples,
    });
  }
}
