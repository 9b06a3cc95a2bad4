import { unprocessable } from './ingest-errors';
import type { RandomAccessFile } from './random-access-file';

export interface Chunk {
  id: string;
  /** Offset of the chunk body. */
  body: number;
  /** Declared body size. */
  size: number;
  /** Bytes from the body to the end of the file. */
  remaining: number;
}

export interface ChunkWalkOptions {
  /** RIFF/RF64 chunk sizes are little-endian, IFF (AIFF) sizes big-endian. */
  littleEndian: boolean;
  /** The chunk holding the samples: it may run past the end (reported later, after the limit checks). */
  dataId: string;
  /** Resolves a declared size (RF64's 0xFFFFFFFF placeholders, streamed WAVs). */
  resolveSize?: (chunk: Chunk) => number;
}

/**
 * Walks the chunks after a 12-byte RIFF or FORM header, in any order, honouring the pad byte of
 * odd-sized chunks (a missing pad byte at the very end is tolerated). Stops at the sample chunk
 * when it runs past the end of the file. Fewer than 8 trailing bytes are ignored.
 */
export async function walkChunks(file: RandomAccessFile, options: ChunkWalkOptions): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  let offset = 12;
  while (offset + 8 <= file.size) {
    const header = await file.read(offset, 8);
    const id = header.toString('latin1', 0, 4);
    const declared = options.littleEndian ? header.readUInt32LE(4) : header.readUInt32BE(4);
    const chunk: Chunk = { id, body: offset + 8, size: declared, remaining: file.size - offset - 8 };
    chunk.size = options.resolveSize?.(chunk) ?? declared;
    chunks.push(chunk);
    if (chunk.size > chunk.remaining) {
      if (id === options.dataId) break;
      throw unprocessable(
        `a chunk size runs past the end of the file (the '${id.trim()}' chunk at byte ${offset} declares ${chunk.size} bytes, ${chunk.remaining} remain)`,
        { chunk: id, offset, declared: chunk.size, remaining: chunk.remaining },
      );
    }
    offset = chunk.body + chunk.size + (chunk.size % 2);
  }
  return chunks;
}

export function findChunk(chunks: Chunk[], id: string): Chunk | undefined {
  return chunks.find((c) => c.id === id);
}
