import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../lib/errors';
import { blobKeys, type BlobStore } from './blob-store';
import { DiskBlobStore } from './disk-blob-store';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

function contract(name: string, make: () => { store: BlobStore; scratch: string; cleanup(): void }) {
  describe(`blob store contract: ${name}`, () => {
    const { store, scratch, cleanup } = make();
    afterAll(cleanup);
    const file = (content: string) => {
      const p = path.join(scratch, crypto.randomUUID());
      fs.writeFileSync(p, content);
      return p;
    };
    const key = blobKeys.audio('a'.repeat(64));

    it('stores a file under a key, reports its size and reads it back whole or by range', async () => {
      const local = file('0123456789');
      await store.putFile(key, local);
      expect(fs.existsSync(local)).toBe(false);
      expect(await store.has(key)).toBe(true);
      expect(await store.size(key)).toBe(10);
      expect(await text(await store.read(key))).toBe('0123456789');
      expect(await text(await store.read(key, { start: 2, end: 5 }))).toBe('2345');
      expect(await text(await store.read(key, { start: 9, end: 9 }))).toBe('9');
    });

    it('keeps the first bytes when the same key is put twice (content addressing) and consumes the second file', async () => {
      const again = file('something else');
      await store.putFile(key, again);
      expect(fs.existsSync(again)).toBe(false);
      expect(await text(await store.read(key))).toBe('0123456789');
    });

    it('answers absent keys with undefined size and a not_found read, and deletes', async () => {
      const other = blobKeys.peaks('b'.repeat(64));
      expect(await store.size(other)).toBeUndefined();
      const err = await store.read(other).catch((e: unknown) => e);
      expect(isAppError(err) && err.code).toBe('not_found');
      await store.delete(key);
      expect(await store.has(key)).toBe(false);
      await store.delete(key);
    });

    it('refuses keys that are not of the documented shape (no path traversal)', async () => {
      for (const bad of ['../etc/passwd', 'audio/../../x.wav', `audio/${'a'.repeat(64)}.wav/..`, 'AUDIO/x.wav']) {
        await expect(store.has(bad)).rejects.toThrow(/invalid blob key/);
      }
    });
  });
}

contract('local disk', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-blobs-'));
  const scratch = path.join(root, 'tmp');
  fs.mkdirSync(scratch);
  return { store: new DiskBlobStore(path.join(root, 'blobs')), scratch, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
});
