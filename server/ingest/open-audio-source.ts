import { join } from 'node:path';
import type { AudioSource } from './audio-source';
import { DETECT_BYTES, detectFormat } from './detect-format';
import { FlacSource } from './flac-source';
import type { IngestLimits } from './ingest-options';
import { Mp3Source } from './mp3-source';
import { id3v2Size } from './mpeg-frame-header';
import { PcmSource } from './pcm-source';
import { RandomAccessFile } from './random-access-file';
import { readAiffHeader } from './read-aiff-header';
import { readWavHeader } from './read-wav-header';
import { spoolSource } from './spool-source';

export interface OpenAudioSourceOptions {
  limits: IngestLimits;
  /** Folder for a decode spool (MP3, FLAC without a total); the spool is removed when the source closes. */
  spoolDir: string;
}

/**
 * Detects the format from the first bytes, validates the header against the limits, and returns
 * a streaming source whose exact frame count is known. Throws 415/422 `AppError`s.
 */
export async function openAudioSource(path: string, options: OpenAudioSourceOptions): Promise<AudioSource> {
  const file = await RandomAccessFile.open(path);
  let source: AudioSource | undefined;
  try {
    const head = await file.read(0, DETECT_BYTES);
    const tag = id3v2Size(head);
    const format = detectFormat(head, tag > 0 ? await file.read(tag, 4) : undefined);
    const { limits } = options;
    switch (format) {
      case 'wav':
      case 'aiff': {
        const layout = format === 'wav' ? await readWavHeader(file, limits) : await readAiffHeader(file, limits);
        const bitDepth = layout.encoding === 'float' ? layout.bytesPerSample * 8 : layout.bitDepth;
        return (source = new PcmSource(file, layout, { format, sampleRate: layout.sampleRate, channels: layout.channels, frames: layout.frames, sourceBitDepth: bitDepth }));
      }
      case 'flac':
        source = await FlacSource.open(file, limits);
        break;
      case 'mp3':
        source = await Mp3Source.open(file, limits);
        break;
    }
    return source.info.frames === null ? await spoolSource(source, join(options.spoolDir, '.decode-spool.f32')) : source;
  } catch (err) {
    if (!source) await file.close();
    throw err;
  }
}
