import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { AppError } from '../../lib/errors';

export interface ReceivedUpload {
  path: string;
  bytes: number;
}

export interface ReceiveUploadOptions {
  /** Folder for the temporary file (inside the data folder, so the blob store can rename it in). */
  tmpDir: string;
  maxBytes: number;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', {
    message: `the upload is larger than the limit of ${formatBytes(maxBytes)}`,
    details: { limitBytes: maxBytes },
  });
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(2)} MiB`;
  return `${n} bytes`;
}

/**
 * Streams a request body to a temporary file, never holding it in memory, and stops as soon as it
 * passes `maxBytes` (a declared Content-Length over the limit is refused before reading anything).
 * On any failure, including the client going away, the partial file is removed.
 */
export async function receiveUpload(req: IncomingMessage, options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > options.maxBytes) throw tooLarge(options.maxBytes);
  await fsp.mkdir(options.tmpDir, { recursive: true });
  const file = path.join(options.tmpDir, `upload-${crypto.randomUUID()}`);
  const out = fs.createWriteStream(file, { flags: 'wx' });
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        req.unpipe(out);
        out.destroy();
        reject(err);
      };
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > options.maxBytes) {
          fail(tooLarge(options.maxBytes));
          // Stop reading: the rest of the body is never looked at.
          req.pause();
        }
      });
      req.on('aborted', () => fail(new AppError('invalid_input', { message: 'the upload was cancelled' })));
      req.on('error', fail);
      out.on('error', fail);
      out.on('finish', () => resolve());
      req.pipe(out);
    });
  } catch (err) {
    out.destroy();
    await fsp.rm(file, { force: true });
    throw err;
  }
  if (bytes === 0) {
    await fsp.rm(file, { force: true });
    throw new AppError('invalid_input', { message: 'the upload is empty: send the audio file as the request body' });
  }
  return { path: file, bytes };
}
