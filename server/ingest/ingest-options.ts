import type { Decibels, Hertz, Lufs, Seconds } from '../../lib/dsp';

export const AUDIO_FORMATS = { wav: 'wav', aiff: 'aiff', flac: 'flac', mp3: 'mp3' } as const;
export type AudioFormat = keyof typeof AUDIO_FORMATS;

/** Limits checked against the sizes a file declares, before anything is allocated, and again while decoding. */
export interface IngestLimits {
  /**
   * Channels a stem may have. Stems are mono or stereo: the mixer's strips are stereo, and a
   * multichannel file is far more often a mistake (a whole 5.1 mix) than a stem.
   * @min 1 @max 8 @default 2
   */
  maxChannels: number;
  /** Longest stem, at any sample rate. @default 1200 (20 minutes) */
  maxDurationSec: Seconds;
  /**
   * Most decoded samples (frames x channels) at the source rate: bounds the work and the canonical
   * file. @default 2 ** 28 (20 minutes of stereo at 96 kHz fits; 20 minutes at 192 kHz does not)
   */
  maxDecodedSamples: number;
}

export interface IngestOptions extends IngestLimits {
  /** The uploaded file on disk; read in chunks, never whole. */
  inputPath: string;
  /** An existing, empty folder for the outputs; the caller owns it and removes it on failure. */
  outputDir: string;
  /** Rate of the canonical copy. @min 8000 @max 384000 @default 48000 */
  projectSampleRate: Hertz;
  /** Wall-clock limit of the decode, enforced by terminating the worker. @default 120 */
  timeLimitSec: Seconds;
  /**
   * JavaScript heap of the worker (`resourceLimits.maxOldGenerationSizeMb`). WASM decoder memory
   * is not covered by it: that is bounded by streaming decode and the declared-size checks.
   * @default 256
   */
  workerHeapMb: number;
}

export const INGEST_DEFAULTS: Omit<IngestOptions, 'inputPath' | 'outputDir'> = {
  maxChannels: 2,
  maxDurationSec: 20 * 60,
  maxDecodedSamples: 2 ** 28,
  projectSampleRate: 48000,
  timeLimitSec: 120,
  workerHeapMb: 256,
};

export type IngestRequest = Pick<IngestOptions, 'inputPath' | 'outputDir'> & Partial<Omit<IngestOptions, 'inputPath' | 'outputDir'>>;

export function resolveIngestOptions(request: IngestRequest): IngestOptions {
  return { ...INGEST_DEFAULTS, ...request };
}

export interface StemMetadata {
  format: AudioFormat;
  sourceSampleRate: Hertz;
  /** Rate of the canonical copy (the project rate). */
  sampleRate: Hertz;
  channels: number;
  /** Frames of the canonical copy. */
  frames: number;
  durationSec: Seconds;
  /** Bits per sample of the source (32 or 64 for float); null for MP3. */
  sourceBitDepth: number | null;
}

export interface StemAnalysis {
  sampleRate: Hertz;
  channels: number;
  frames: number;
  durationSec: Seconds;
  /** Largest sample magnitude over all channels, of the decoded source (floored at -144). */
  samplePeakDbfs: Decibels;
  samplePeakDbfsPerChannel: Decibels[];
  /** BS.1770-4 true peak of the canonical copy. */
  truePeakDbtp: Decibels;
  /** BS.1770-4 / EBU R128 gated integrated loudness of the canonical copy; null when no block passes the gates. */
  integratedLufs: Lufs | null;
  /** Mean sample value per channel of the decoded source (linear, full scale = 1). */
  dcOffset: number[];
  /** Source samples at or above 32767/32768 in magnitude, all channels. */
  clippedSamples: number;
  clippedSamplesPerChannel: number[];
  /** NaN or infinite samples of a float source; stored as 0 (they would poison every filter downstream). */
  nonFiniteSamples: number;
}

export interface IngestResult {
  /** SHA-256 (hex) of `audio.wav`, computed while writing it. */
  sha256: string;
  /** 32-bit float WAV at the project rate. */
  audioPath: string;
  peaksPath: string;
  analysisPath: string;
  metadata: StemMetadata;
  analysis: StemAnalysis;
}

export const OUTPUT_FILES = { audio: 'audio.wav', peaks: 'peaks.json', analysis: 'analysis.json' } as const;
