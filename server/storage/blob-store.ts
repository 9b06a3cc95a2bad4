import type { Readable } from 'node:stream';

/** Inclusive byte range, as HTTP Range uses. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutStreamOptions {
  /** The stream fails with `payload_too_large` past this many bytes, and nothing is stored. @default unlimited */
  maxBytes?: number;
}

/**
 * Content-addressed blob storage: keys are `<kind>/<sha256>.<ext>` and a key's bytes never change,
 * so a put of an existing key is a no-op. Local disk (disk-blob-store.ts) by default, or an
 * S3-compatible bucket (s3-blob-store.ts); both pass blob-store.contract.test.ts.
 */
export interface BlobStore {
  /** Moves a finished local file in under `key` (atomic; the file is gone afterwards either way). */
  putFile(key: string, localPath: string): Promise<void>;
  /**
   * Stores a stream under `key` while reading it, with the size limit enforced as bytes arrive;
   * readers see the whole blob or none of it. A stream over the limit or failing stores nothing.
   */
  putStream(key: string, body: Readable, options?: PutStreamOptions): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Size in bytes, or undefined when absent. */
  size(key: string): Promise<number | undefined>;
  /** The bytes, or a range of them. Rejects with `not_found` when absent. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z]+\/[0-9a-f]{64}\.[a-z0-9]+$/;

/** Keys reach the filesystem: anything but the documented shape is refused (no traversal). */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
}

export const blobKeys = {
  audio: (sha256: string) => `audio/${sha256}.wav`,
  peaks: (sha256: string) => `peaks/${sha256}.json`,
  /** A revision's render, as uploaded (it carries its provenance chunk). */
  render: (sha256: string) => `renders/${sha256}.wav`,
  /** A reference track's canonical copy (kept apart from stems' audio, which is collected with them). */
  reference: (sha256: string) => `references/${sha256}.wav`,
};
