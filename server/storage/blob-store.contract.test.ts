import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../lib/errors';
import { blobKeys, type BlobStore } from './blob-store';
import { DiskBlobStore } from './disk-blob-store';
import { parseS3Url, S3BlobStore } from './s3-blob-store';

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const text = async (stream: Readable) => (await bytes(stream)).toString();

/** A stream of `total` pseudo-random bytes in 64 KiB chunks, made as it is read (never all in memory). */
function generated(total: number, seed: number, onChunk?: (sent: number) => void): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(64 * 1024, total - sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = (sent + i + seed) * 31 % 251;
      sent += n;
      onChunk?.(sent);
      this.push(chunk);
    },
  });
}
const expected = (total: number, seed: number) => Buffer.from(Array.from({ length: total }, (_, i) => (i + seed) * 31 % 251));

interface Backend {
  store: BlobStore;
  scratch: string;
  cleanup(): Promise<void>;
}

const MIB = 1024 * 1024;

function contract(name: string, make: () => Promise<Backend>) {
  describe(`blob store contract: ${name}`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await make();
    });
    afterAll(() => backend?.cleanup());
    const file = (content: string) => {
      const p = path.join(backend.scratch, crypto.randomUUID());
      fs.writeFileSync(p, content);
      return p;
    };
    const key = blobKeys.audio('a'.repeat(64));

    it('stores a file under a key, reports its size and reads it back whole or by range', async () => {
      const { store } = backend;
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
      const { store } = backend;
      const again = file('something else');
      await store.putFile(key, again);
      expect(fs.existsSync(again)).toBe(false);
      expect(await text(await store.read(key))).toBe('0123456789');
      await store.putStream(key, Readable.from([Buffer.from('and a stream')]));
      expect(await text(await store.read(key))).toBe('0123456789');
    });

    it('answers absent keys with undefined size and a not_found read, and deletes', async () => {
      const { store } = backend;
      const other = blobKeys.peaks('b'.repeat(64));
      expect(await store.size(other)).toBeUndefined();
      const err = await store.read(other).catch((e: unknown) => e);
      expect(isAppError(err) && err.code).toBe('not_found');
      await store.delete(key);
      expect(await store.has(key)).toBe(false);
      await store.delete(key);
    });

    it('refuses keys that are not of the documented shape (no path traversal)', async () => {
      const { store } = backend;
      for (const bad of ['../etc/passwd', 'audio/../../x.wav', `audio/${'a'.repeat(64)}.wav/..`, 'AUDIO/x.wav']) {
        await expect(store.has(bad)).rejects.toThrow(/invalid blob key/);
      }
    });

    it('streams a blob larger than one upload part in and reads ranges across part boundaries', async () => {
      const { store } = backend;
      const big = blobKeys.render('c'.repeat(64));
      const total = 11 * MIB + 123;
      await store.putStream(big, generated(total, 7), { maxBytes: total });
      expect(await store.size(big)).toBe(total);
      const want = expected(total, 7);
      expect((await bytes(await store.read(big))).equals(want)).toBe(true);
      const start = 5 * MIB - 10;
      const end = 10 * MIB + 10;
      expect((await bytes(await store.read(big, { start, end }))).equals(want.subarray(start, end + 1))).toBe(true);
      await store.delete(big);
    });

    it('fails a stream past its size limit with payload_too_large while streaming, and stores nothing', async () => {
      const { store } = backend;
      const big = blobKeys.render('d'.repeat(64));
      let produced = 0;
      const source = generated(40 * MIB, 1, (sent) => (produced = sent));
      const err = await store.putStream(big, source, { maxBytes: 6 * MIB }).catch((e: unknown) => e);
      expect(isAppError(err) && err.code).toBe('payload_too_large');
      expect(await store.has(big)).toBe(false);
      // Refused while streaming: far less than the whole 40 MiB was read.
      expect(produced).toBeLessThan(30 * MIB);
    });
  });
}

contract('local disk', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-blobs-'));
  const scratch = path.join(root, 'tmp');
  fs.mkdirSync(scratch);
  return { store: new DiskBlobStore(path.join(root, 'blobs')), scratch, cleanup: async () => fs.rmSync(root, { recursive: true, force: true }) };
});

contract('S3 (s3rver)', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-s3-'));
  const scratch = path.join(root, 'tmp');
  fs.mkdirSync(scratch);
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(root, 's3'), configureBuckets: [{ name: 'mixroom-test', configs: [] }] });
  const { port } = (await server.run()) as AddressInfo;
  const location = parseS3Url(`s3://mixroom-test/some/prefix?endpoint=http://127.0.0.1:${port}&region=eu-west-1`);
  const store = new S3BlobStore({ ...location, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, partSize: 5 * MIB, queueSize: 2 });
  return {
    store,
    scratch,
    cleanup: async () => {
      store.destroy();
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
});

describe('MIXROOM_BLOB_URL parsing', () => {
  it('reads bucket, prefix, endpoint, region and path style', () => {
    expect(parseS3Url('s3://mix-blobs/studio/a?endpoint=http://127.0.0.1:9000&region=eu-central-1')).toEqual({
      bucket: 'mix-blobs',
      prefix: 'studio/a',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-central-1',
      forcePathStyle: true,
    });
    expect(parseS3Url('s3://mix-blobs')).toEqual({ bucket: 'mix-blobs', prefix: '', endpoint: undefined, region: 'us-east-1', forcePathStyle: false });
  });

  it('refuses unknown parameters, bad endpoints and bad bucket names with a message that names them', () => {
    expect(() => parseS3Url('s3://mix-blobs?endpiont=x')).toThrow(/unknown parameter "endpiont"/);
    expect(() => parseS3Url('s3://mix-blobs?endpoint=ftp://x')).toThrow(/endpoint must be/);
    expect(() => parseS3Url('s3://A_b?region=x')).toThrow(/not a valid bucket name/);
  });
});
