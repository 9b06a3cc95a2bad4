import fsp from 'node:fs/promises';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../lib/errors';
import { assertBlobKey, type BlobStore, type ByteRange, type PutStreamOptions } from './blob-store';
import { byteLimit } from './byte-limit';

/** Blobs as files under `root` (by default `$MIXROOM_DATA_DIR/blobs`). */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, key);
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    if (await this.has(key)) {
      await fsp.rm(localPath, { force: true });
      return;
    }
    try {
      // Same filesystem (the data folder): rename is atomic, so readers never see half a blob.
      await fsp.rename(localPath, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      const partial = `${target}.${process.pid}.partial`;
      await fsp.copyFile(localPath, partial);
      await fsp.rename(partial, target);
      await fsp.rm(localPath, { force: true });
    }
  }

  async putStream(key: string, body: Readable, options: PutStreamOptions = {}): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${crypto.randomUUID()}.partial`;
    try {
      const sink = fs.createWriteStream(partial);
      if (options.maxBytes === undefined) await pipeline(body, sink);
      else await pipeline(body, byteLimit(options.maxBytes), sink);
      if (await this.has(key)) return;
      await fsp.rename(partial, target);
    } finally {
      await fsp.rm(partial, { force: true });
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.size(key)) !== undefined;
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await fsp.stat(this.pathOf(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    const handle = await fsp.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new AppError('not_found', { message: `no blob ${key}`, cause: err });
      throw err;
    });
    // The handle's own stream closes the handle (a raw fd would be closed twice: once by the stream,
    // once when the FileHandle is garbage collected).
    return handle.createReadStream({ start: range?.start, end: range?.end, autoClose: true });
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}
