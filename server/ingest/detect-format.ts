import { unprocessable, unsupportedMedia } from './ingest-errors';
import type { AudioFormat } from './ingest-options';
import { id3v2Size, parseMpegFrameHeader, sameStream } from './mpeg-frame-header';

/** Bytes of the file start that `detectFormat` needs (an ID3v2 tag is skipped with a further read). */
export const DETECT_BYTES = 4096;

const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));
const starts = (b: Uint8Array, ...bytes: number[]) => bytes.every((x, i) => b[i] === x);

/**
 * The format, from the first bytes only (never the file name or Content-Type). `afterId3` are the
 * bytes just after a leading ID3v2 tag, when there is one (FLAC files are sometimes tagged so).
 * Throws 415 naming what the bytes look like instead, or 422 for an empty file.
 */
export function detectFormat(head: Uint8Array, afterId3?: Uint8Array): AudioFormat {
  if (head.length === 0) throw unprocessable('the file is empty (0 bytes)');
  const id = ascii(head, 0, 4);
  const form = ascii(head, 8, 4);
  if (['RIFF', 'RF64', 'BW64', 'FORM'].includes(id) && head.length < 12) {
    throw unprocessable(`truncated header: the file ends after ${head.length} bytes, inside the ${id} header`);
  }
  if ((id === 'RIFF' || id === 'RF64' || id === 'BW64') && form === 'WAVE') return 'wav';
  if (id === 'FORM' && (form === 'AIFF' || form === 'AIFC')) return 'aiff';
  if (id === 'fLaC') return 'flac';
  if (id3v2Size(head) > 0) return afterId3 && ascii(afterId3, 0, 4) === 'fLaC' ? 'flac' : 'mp3';
  const first = parseMpegFrameHeader(head, 0);
  if (first) {
    // One valid header is 11 sync bits and a few fields: insist that a second one follows it.
    const second = parseMpegFrameHeader(head, first.frameBytes);
    if ((second && sameStream(first, second)) || first.frameBytes >= head.length) return 'mp3';
  }
  throw unsupportedMedia(`not an audio file we can read: ${describe(head)} (detected from its first bytes)`, { detected: describe(head) });
}

/** What non-audio bytes look like, for the 415 message. */
export function describe(b: Uint8Array): string {
  const id = ascii(b, 0, 4);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (id === 'RIFF') return `looks like a RIFF file of type '${ascii(b, 8, 4)}', not WAVE`;
  if (id === 'FORM') return `looks like an IFF file of type '${ascii(b, 8, 4)}', not AIFF`;
  if (id === 'OggS') return 'looks like Ogg (Vorbis, Opus or Ogg FLAC are not supported; export WAV or FLAC)';
  if (ascii(b, 4, 4) === 'ftyp') return 'looks like MP4/M4A/AAC (not supported; export WAV or FLAC)';
  if (starts(b, 0x50, 0x4b, 0x03, 0x04) || starts(b, 0x50, 0x4b, 0x05, 0x06)) return 'looks like ZIP';
  if (starts(b, 0x89, 0x50, 0x4e, 0x47)) return 'looks like PNG';
  if (starts(b, 0xff, 0xd8, 0xff)) return 'looks like JPEG';
  if (id === 'GIF8') return 'looks like GIF';
  if (id === '%PDF') return 'looks like PDF';
  if (starts(b, 0x1f, 0x8b)) return 'looks like gzip';
  if (starts(b, 0x7f, 0x45, 0x4c, 0x46)) return 'looks like an executable (ELF)';
  if (/^<(!doctype html|html|head|body|script|meta)/.test(text)) return 'looks like HTML';
  if (text.startsWith('<?xml') || text.startsWith('<svg')) return 'looks like XML';
  if (/^[{[]/.test(text) && looksLikeText(b)) return 'looks like JSON';
  if (looksLikeText(b)) return 'looks like text';
  return 'its first bytes match none of WAV, AIFF, FLAC or MP3';
}

function looksLikeText(b: Uint8Array): boolean {
  const sample = b.subarray(0, 512);
  let control = 0;
  for (const x of sample) if (x < 9 || (x > 13 && x < 32)) control++;
  return control === 0;
}
