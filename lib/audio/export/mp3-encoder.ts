/**
 * MP3 through @breezystack/lamejs (LAME ported to plain JavaScript: the same bytes in a Web Worker
 * and in Node), from 16-bit samples, CBR. `tags` go into an ID3v2.4 tag of TXXX frames in front.
 */
import { concatBytes } from './concat-bytes';

/** Frames per call: a multiple of the 1152-sample MPEG-1 Layer III frame. */
const CHUNK_FRAMES = 1152 * 64;

export async function encodeMp3(samples: Int32Array, channels: number, sampleRate: number, kbps: number, tags: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const { Mp3Encoder } = await import('@breezystack/lamejs');
  if (channels < 1 || channels > 2) throw new RangeError(`MP3 needs 1 or 2 channels, got ${channels}`);
  const encoder = new Mp3Encoder(channels, sampleRate, kbps);
  const frames = samples.length / channels;
  const left = new Int16Array(CHUNK_FRAMES);
  const right = new Int16Array(CHUNK_FRAMES);
  const parts: Uint8Array[] = [id3v2(tags)];
  for (let at = 0; at < frames; at += CHUNK_FRAMES) {
    const n = Math.min(CHUNK_FRAMES, frames - at);
    for (let i = 0; i < n; i++) {
      left[i] = samples[(at + i) * channels];
      right[i] = samples[(at + i) * channels + channels - 1];
    }
    parts.push(encoder.encodeBuffer(left.subarray(0, n), channels === 2 ? right.subarray(0, n) : undefined).slice());
  }
  parts.push(encoder.flush().slice());
  return concatBytes(parts);
}

const synchsafe = (n: number) => [(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f];

/** An ID3v2.4 tag of TXXX (user text, UTF-8) frames. */
function id3v2(tags: Readonly<Record<string, string>>): Uint8Array {
  const encoder = new TextEncoder();
  const frames = Object.entries(tags).map(([description, value]) => {
    const body = [3, ...encoder.encode(description), 0, ...encoder.encode(value)];
    return [...encoder.encode('TXXX'), ...synchsafe(body.length), 0, 0, ...body];
  });
  const size = frames.reduce((n, f) => n + f.length, 0);
  return Uint8Array.from([...encoder.encode('ID3'), 4, 0, 0, ...synchsafe(size), ...frames.flat()]);
}
