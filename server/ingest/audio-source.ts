import type { AudioFormat } from './ingest-options';

export interface SourceInfo {
  format: AudioFormat;
  sampleRate: number;
  channels: number;
  /** Exact frame count, or null when only decoding the whole stream tells (MP3, FLAC without a total). */
  frames: number | null;
  sourceBitDepth: number | null;
}

/** A decoded stream: planar float32 blocks, each channel a view of the block's length. */
export interface AudioSource {
  readonly info: SourceInfo;
  /** Blocks are reused: consume each before asking for the next. */
  blocks(): AsyncIterable<Float32Array[]>;
  /** NaN or infinite samples replaced by 0 so far. */
  readonly nonFiniteSamples: number;
  close(): Promise<void>;
}
