import type { Readable } from 'node:stream';
import type { BlobResponse } from '../stems/stems';

/**
 * A Node stream as a web stream that reads only when the consumer pulls and stops when it
 * cancels. With `Readable.toWeb` (Node 20), a browser that dropped a download (offline, a closed
 * tab) made the server log "uncaughtException: TypeError: Invalid state: Controller is already
 * closed": the adapter went on enqueueing what the file stream had read into the closed stream.
 */
export function readableToWeb(readable: Readable): ReadableStream<Uint8Array> {
  const chunks = readable[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (cancelled) return;
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel() {
        cancelled = true;
        readable.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A web Response streaming a blob (the body is never buffered). For HEAD the file is closed at
 * once: Next answers HEAD by calling GET and drops the body unread, which left the file handle
 * to the garbage collector ("Closing file descriptor N on garbage collection").
 */
export function blobResponse(blob: BlobResponse, method: string): Response {
  if (method === 'HEAD') {
    blob.body?.destroy();
    return new Response(null, { status: blob.status, headers: blob.headers });
  }
  return new Response(blob.body ? readableToWeb(blob.body) : null, { status: blob.status, headers: blob.headers });
}
