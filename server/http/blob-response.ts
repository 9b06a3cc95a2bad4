import { Readable } from 'node:stream';
import type { BlobResponse } from '../stems/stems';

/** A web Response streaming a blob (the body is never buffered). */
export function blobResponse(blob: BlobResponse): Response {
  const body = blob.body ? (Readable.toWeb(blob.body) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: blob.status, headers: blob.headers });
}
