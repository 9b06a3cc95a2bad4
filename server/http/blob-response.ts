import type { Readable } from 'node:stream';
import type { BlobResponse } from '../stems/stems';

/**
 * A source that waits this long for its consumer before it is closed: a client that went away
 * without its response being cancelled would otherwise hold the file until the garbage collector
 * closes it ("Closing file descriptor N on garbage collection"). @default 30000
 */
export const BLOB_IDLE_MS = 30_000;

/**
 * A Node stream, opened at the first pull, as a web stream that reads only when the consumer
 * pulls and stops when it cancels or stops pulling for `idleMs`. With `Readable.toWeb` (Node 20),
 * a browser that dropped a download made the server log "uncaughtException: TypeError: Invalid
 * state: Controller is already closed": the adapter went on enqueueing into the closed stream.
 */
export function readableToWeb(open: Readable | (() => Promise<Readable>), idleMs = BLOB_IDLE_MS): ReadableStream<Uint8Array> {
  let readable: Readable | undefined;
  let chunks: AsyncIterator<Buffer> | undefined;
  let finished = false;
  let idle: NodeJS.Timeout | undefined;
  const finish = () => {
    finished = true;
    clearTimeout(idle);
    readable?.destroy();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(idle);
        if (!chunks) {
          const opened = typeof open === 'function' ? await open() : open;
          // Cancelled while it opened: nothing else would destroy it (and close its file).
          if (finished) return void opened.destroy();
          readable = opened;
          chunks = readable[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        }
        const { value, done } = await chunks.next();
        if (finished) return;
        if (done) {
          finish();
          controller.close();
          return;
        }
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        idle = setTimeout(() => {
          finish();
          controller.error(new Error(`nobody read this body for ${idleMs} ms`));
        }, idleMs);
        idle.unref();
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A web Response streaming a blob (the body is never buffered; the file is opened at the first
 * pull). For HEAD it is never opened: Next answers HEAD by calling GET and drops the body unread.
 */
export function blobResponse(blob: BlobResponse, method: string): Response {
  const body = method === 'HEAD' || !blob.body ? null : readableToWeb(blob.body);
  return new Response(body, { status: blob.status, headers: blob.headers });
}
