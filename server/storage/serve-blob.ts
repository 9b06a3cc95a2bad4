import type { Readable } from 'node:stream';
import { AppError } from '../../lib/errors';
import { parseRange } from '../stems/http-range';
import type { BlobStore } from './blob-store';

/** A blob as an HTTP answer: status, headers and how to open the body (null for 416). */
export interface BlobResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Opens the bytes: called only when the body is read (not for HEAD, not for a client gone first). */
  body: (() => Promise<Readable>) | null;
}

/**
 * Serves the blob `key` whole or the range the request asks for (206/416), with `headers` (type,
 * disposition, caching) plus the range and length headers. `missing` names it in the 404.
 */
export async function serveBlob(blobs: BlobStore, key: string, options: { range?: string | null; headers: Record<string, string>; missing: string }): Promise<BlobResponse> {
  const size = await blobs.size(key);
  if (size === undefined) throw new AppError('not_found', { message: options.missing });
  const base = { 'accept-ranges': 'bytes', ...options.headers };
  const range = parseRange(options.range, size);
  if (range.kind === 'unsatisfiable') return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: null };
  if (range.kind === 'partial') {
    const { start, end } = range.range;
    return { status: 206, headers: { ...base, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) }, body: () => blobs.read(key, range.range) };
  }
  return { status: 200, headers: { ...base, 'content-length': String(size) }, body: () => blobs.read(key) };
}

/**
 * A canonical audio copy (32-bit float WAV at the project rate, content-addressed by `sha256`):
 * ranges, typed, a download that must not be sniffed, cached for good.
 */
export function serveCanonicalAudio(
  blobs: BlobStore,
  key: string,
  options: { fileId: string; sha256: string; range?: string | null; missing: string },
): Promise<BlobResponse> {
  return serveBlob(blobs, key, {
    range: options.range,
    missing: options.missing,
    headers: {
      'content-type': 'audio/wav',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="${options.fileId}.wav"`,
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${options.sha256}"`,
    },
  });
}
