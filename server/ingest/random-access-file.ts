import { open, type FileHandle } from 'node:fs/promises';

/** Positional reads over a file on disk: the upload is never loaded whole. */
export class RandomAccessFile {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<RandomAccessFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new RandomAccessFile(handle, size);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** Up to `length` bytes from `position` (fewer at the end of the file), in a new buffer. */
  async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - position)));
    return buffer.subarray(0, await this.readInto(buffer, position, buffer.length));
  }

  /** Reads into `buffer` from its start; returns the bytes read. */
  async readInto(buffer: Uint8Array, position: number, length: number): Promise<number> {
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buffer, done, length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
