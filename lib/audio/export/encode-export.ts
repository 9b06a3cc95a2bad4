import { Dither } from '../../dsp';
import { writePcmWav, writeWav, type WavChunk } from '../wav';

/** The delivery formats of renders and exports. */
export const EXPORT_FORMATS = { f32: 'f32', wav24: 'wav24', wav16: 'wav16', flac: 'flac', mp3: 'mp3' } as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[keyof typeof EXPORT_FORMATS];

export const FILE_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { f32: 'wav', wav24: 'wav', wav16: 'wav', flac: 'flac', mp3: 'mp3' };
export const MIME_TYPES: Readonly<Record<ExportFormat, string>> = { f32: 'audio/wav', wav24: 'audio/wav', wav16: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg' };
export const MP3_BITRATES = [128, 160, 192, 224, 256, 320] as const;
export const DEFAULT_MP3_KBPS = 320;

/** The chunk (WAV) and tag (FLAC, MP3) that carry the provenance record. */
export const PROVENANCE_CHUNK_ID = 'mxpv';
export const PROVENANCE_TAG = 'MIXROOM_PROVENANCE';

/** The codecs, passed in: Node imports them, the export worker loads its own bundle of them. */
export interface Encoders {
  flac(samples: Int32Array, channels: number, sampleRate: number, bits: 16 | 24, tags: Readonly<Record<string, string>>): Promise<Uint8Array>;
  mp3(samples: Int32Array, channels: number, sampleRate: number, kbps: number, tags: Readonly<Record<string, string>>): Promise<Uint8Array>;
}

export interface EncodeOptions {
  format: ExportFormat;
  /** MP3 bit rate in kbit/s. @default 320 */
  bitrate?: number;
  /** FLAC bit depth. @default 24 */
  flacBits?: 16 | 24;
  /** Noise-shaped dither (the master's `dither.noiseShaping`). @default false */
  noiseShaping?: boolean;
  /** The provenance record, a short JSON text written into the file. */
  provenance: string;
}

/**
 * Encodes rendered float channels. Every integer format is reached through TPDF dither (lib/dsp
 * `Dither`, seeded, so the bytes are the same on every run): 24 bits for wav24 and FLAC, 16 bits
 * for wav16, 16-bit FLAC and MP3's input. f32 is written as it is.
 */
export async function encodeExport(channels: Float32Array[], sampleRate: number, options: EncodeOptions, encoders: Encoders): Promise<Uint8Array> {
  const chunk: WavChunk = { id: PROVENANCE_CHUNK_ID, body: new TextEncoder().encode(options.provenance) };
  const tags = { [PROVENANCE_TAG]: options.provenance };
  const quantise = (bits: 16 | 24) => {
    const frames = channels[0].length;
    const out = new Int32Array(frames * channels.length);
    new Dither({ bits, channels: channels.length, noiseShaping: options.noiseShaping ?? false }).process(channels, frames, out);
    return out;
  };
  switch (options.format) {
    case 'f32':
      return writeWav({ sampleRate, channels }, 'f32', [chunk]);
    case 'wav24':
      return writePcmWav({ sampleRate, channels: channels.length, bits: 24, samples: quantise(24), chunks: [chunk] });
    case 'wav16':
      return writePcmWav({ sampleRate, channels: channels.length, bits: 16, samples: quantise(16), chunks: [chunk] });
    case 'flac': {
      const bits = options.flacBits ?? 24;
      return encoders.flac(quantise(bits), channels.length, sampleRate, bits, tags);
    }
    case 'mp3':
      return encoders.mp3(quantise(16), channels.length, sampleRate, options.bitrate ?? DEFAULT_MP3_KBPS, tags);
  }
}
