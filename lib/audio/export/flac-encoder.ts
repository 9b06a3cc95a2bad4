/**
 * FLAC through libflacjs (libFLAC compiled to asm.js: the same code, and so the same bytes, in a
 * Web Worker and in Node). Encoding goes through libFLAC's stream API; its STREAMINFO is written
 * before the totals are known, so the total and the MD5 from the metadata callback are patched in,
 * and the VORBIS_COMMENT block libFLAC writes is replaced by one carrying `tags`.
 */
import { concatBytes } from './concat-bytes';
interface FlacApi {
  isReady(): boolean;
  on(event: 'ready', listener: () => void): void;
  create_libflac_encoder(rate: number, channels: number, bps: number, level: number, total: number, verify: boolean, blockSize: number): number;
  init_encoder_stream(encoder: number, write: (data: Uint8Array) => void, metadata: (m: { total_samples: number; md5sum: string }) => void): number;
  FLAC__stream_encoder_process_interleaved(encoder: number, samples: Int32Array, frames: number): boolean;
  FLAC__stream_encoder_finish(encoder: number): boolean;
  FLAC__stream_encoder_delete(encoder: number): void;
}

/** libFLAC's default compression level. */
const COMPRESSION_LEVEL = 5;
const CHUNK_FRAMES = 65536;
const BLOCK_STREAMINFO = 0;
const BLOCK_VORBIS_COMMENT = 4;

/** libFLAC, loaded on first use (a megabyte of asm.js that renders without FLAC never parse). */
async function loadFlac(): Promise<FlacApi> {
  const Flac = ((await import('libflacjs/dist/libflac.js')) as { default: unknown }).default as FlacApi;
  if (!Flac.isReady()) await new Promise<void>((resolve) => Flac.on('ready', resolve));
  return Flac;
}

export async function encodeFlac(samples: Int32Array, channels: number, sampleRate: number, bits: 16 | 24, tags: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const Flac = await loadFlac();
  const encoder = Flac.create_libflac_encoder(sampleRate, channels, bits, COMPRESSION_LEVEL, 0, false, 0);
  if (encoder === 0) throw new Error('the FLAC encoder could not be created');
  const parts: Uint8Array[] = [];
  let meta: { total_samples: number; md5sum: string } | null = null;
  try {
    const status = Flac.init_encoder_stream(encoder, (data) => parts.push(data.slice()), (m) => (meta = m));
    if (status !== 0) throw new Error(`the FLAC encoder refused its settings (status ${status})`);
    const frames = samples.length / channels;
    for (let at = 0; at < frames; at += CHUNK_FRAMES) {
      const n = Math.min(CHUNK_FRAMES, frames - at);
      if (!Flac.FLAC__stream_encoder_process_interleaved(encoder, samples.subarray(at * channels, (at + n) * channels), n)) throw new Error('FLAC encoding failed');
    }
    Flac.FLAC__stream_encoder_finish(encoder);
  } finally {
    Flac.FLAC__stream_encoder_delete(encoder);
  }
  if (!meta) throw new Error('the FLAC encoder gave no STREAMINFO');
  return rewriteMetadata(concatBytes(parts), meta, tags);
}

/** fLaC, STREAMINFO with the final total and MD5, our VORBIS_COMMENT, the other blocks, the frames. */
function rewriteMetadata(stream: Uint8Array, meta: { total_samples: number; md5sum: string }, tags: Readonly<Record<string, string>>): Uint8Array {
  if (String.fromCharCode(...stream.subarray(0, 4)) !== 'fLaC') throw new Error('the FLAC encoder wrote no fLaC marker');
  const blocks: Array<{ type: number; body: Uint8Array }> = [];
  let at = 4;
  let vendor = 'Mixroom';
  for (let last = false; !last; ) {
    last = (stream[at] & 0x80) !== 0;
    const type = stream[at] & 0x7f;
    const length = (stream[at + 1] << 16) | (stream[at + 2] << 8) | stream[at + 3];
    const body = stream.slice(at + 4, at + 4 + length);
    if (type === BLOCK_VORBIS_COMMENT) {
      const vendorLength = new DataView(body.buffer).getUint32(0, true);
      vendor = new TextDecoder().decode(body.subarray(4, 4 + vendorLength));
    } else {
      blocks.push({ type, body });
    }
    at += 4 + length;
  }
  const info = blocks.find((b) => b.type === BLOCK_STREAMINFO);
  if (!info) throw new Error('the FLAC encoder wrote no STREAMINFO');
  // Total samples: the low 36 bits of bytes 13..17 (the high 4 bits of byte 13 are bits per sample).
  const total = meta.total_samples;
  info.body[13] = (info.body[13] & 0xf0) | Math.floor(total / 2 ** 32) & 0x0f;
  new DataView(info.body.buffer).setUint32(14, total >>> 0);
  for (let k = 0; k < 16; k++) info.body[18 + k] = Number.parseInt(meta.md5sum.slice(2 * k, 2 * k + 2), 16);
  blocks.splice(1, 0, { type: BLOCK_VORBIS_COMMENT, body: vorbisComment(vendor, tags) });
  const head = blocks.reduce((n, b) => n + 4 + b.body.length, 4);
  const out = new Uint8Array(head + stream.length - at);
  out.set(stream.subarray(0, 4));
  let o = 4;
  blocks.forEach((b, k) => {
    out[o] = (k === blocks.length - 1 ? 0x80 : 0) | b.type;
    out[o + 1] = (b.body.length >> 16) & 0xff;
    out[o + 2] = (b.body.length >> 8) & 0xff;
    out[o + 3] = b.body.length & 0xff;
    out.set(b.body, o + 4);
    o += 4 + b.body.length;
  });
  out.set(stream.subarray(at), o);
  return out;
}

function vorbisComment(vendor: string, tags: Readonly<Record<string, string>>): Uint8Array {
  const encoder = new TextEncoder();
  const fields = [encoder.encode(vendor), ...Object.entries(tags).map(([k, v]) => encoder.encode(`${k}=${v}`))];
  const body = new Uint8Array(4 + fields.reduce((n, f) => n + 4 + f.length, 0));
  const view = new DataView(body.buffer);
  let o = 0;
  fields.forEach((f, k) => {
    view.setUint32(o, f.length, true);
    body.set(f, o + 4);
    o += 4 + f.length;
    if (k === 0) {
      view.setUint32(o, fields.length - 1, true);
      o += 4;
    }
  });
  return body;
}
