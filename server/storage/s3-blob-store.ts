import fsp from 'node:fs/promises';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '../../lib/errors';
import { assertBlobKey, type BlobStore, type ByteRange, type PutStreamOptions } from './blob-store';
import { byteLimit } from './byte-limit';

/** Where an S3-compatible store lives, as `MIXROOM_BLOB_URL=s3://bucket/prefix?endpoint=...&region=...` says. */
export interface S3Location {
  bucket: string;
  /** Prepended to every key (`prefix/audio/<sha>.wav`); empty for the bucket's root. @default '' */
  prefix: string;
  /** An S3-compatible endpoint (MinIO, R2, s3rver ...); undefined for AWS itself. */
  endpoint?: string;
  /** @default 'us-east-1' (most S3-compatible servers ignore it, but the signature needs one) */
  region: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. @default true when an endpoint is given */
  forcePathStyle: boolean;
}

export interface S3BlobStoreOptions extends S3Location {
  /** Explicit keys; without them the SDK's usual chain (AWS_ACCESS_KEY_ID ... , profiles, roles). */
  credentials?: S3ClientConfig['credentials'];
  /**
   * Multipart part size in bytes. S3's minimum is 5 MiB; at most `partSize * queueSize` bytes are
   * buffered per upload. @default 8 MiB
   */
  partSize?: number;
  /** Parts uploaded at once per upload. @default 4 */
  queueSize?: number;
}

const PART_BYTES = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

/** Parses `s3://bucket[/prefix]?endpoint=&region=&forcePathStyle=`; throws a message fit for a config error. */
export function parseS3Url(url: string): S3Location {
  const u = new URL(url);
  if (u.protocol !== 's3:') throw new Error('must start with s3://');
  const bucket = u.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`bucket ${JSON.stringify(bucket)} is not a valid bucket name`);
  const known = new Set(['endpoint', 'region', 'forcePathStyle']);
  for (const name of u.searchParams.keys()) if (!known.has(name)) throw new Error(`unknown parameter ${JSON.stringify(name)} (known: ${[...known].join(', ')})`);
  const endpoint = u.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) throw new Error('endpoint must be an http:// or https:// URL');
  const pathStyle = u.searchParams.get('forcePathStyle');
  if (pathStyle !== null && !['true', 'false'].includes(pathStyle)) throw new Error('forcePathStyle must be true or false');
  return {
    bucket,
    prefix: decodeURIComponent(u.pathname).replace(/^\/+|\/+$/g, ''),
    endpoint,
    region: u.searchParams.get('region') ?? 'us-east-1',
    forcePathStyle: pathStyle === null ? endpoint !== undefined : pathStyle === 'true',
  };
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Blobs in an S3-compatible bucket, through the official AWS SDK. Uploads are multipart and
 * streamed (at most `partSize * queueSize` bytes in memory, whatever the blob's size); an upload
 * that fails or passes its size limit is aborted, so no part of it stays behind under the key.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
    });
    this.bucket = options.bucket;
    this.prefix = options.prefix ? `${options.prefix}/` : '';
    this.partSize = options.partSize ?? PART_BYTES;
    this.queueSize = options.queueSize ?? QUEUE_SIZE;
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return this.prefix + key;
  }

  async putFile(key: string, localPath: string): Promise<void> {
    try {
      if (await this.has(key)) return;
      await this.putStream(key, fs.createReadStream(localPath));
    } finally {
      await fsp.rm(localPath, { force: true });
    }
  }

  async putStream(key: string, body: Readable, options: PutStreamOptions = {}): Promise<void> {
    const Key = this.objectKey(key);
    if (await this.has(key)) {
      body.resume();
      return;
    }
    const limited = options.maxBytes === undefined ? body : body.pipe(byteLimit(options.maxBytes));
    if (limited !== body) body.on('error', (err) => limited.destroy(err));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: limited },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    let failure: unknown;
    // The SDK reads the body by iterating it; an error on the stream (the size limit) must abort the upload.
    limited.once('error', (err) => {
      failure = err;
      void upload.abort().catch(() => {});
    });
    try {
      await upload.done();
    } catch (err) {
      throw failure ?? err;
    }
    if (failure) throw failure;
  }

  async has(key: string): Promise<boolean> {
    return (await this.size(key)) !== undefined;
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      if (!(out.Body instanceof Readable)) throw new Error('the S3 client returned no Node stream');
      return out.Body;
    } catch (err) {
      if (isNotFound(err)) throw new AppError('not_found', { message: `no blob ${key}`, cause: err });
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  /** Closes the client's sockets. */
  destroy(): void {
    this.client.destroy();
  }
}
