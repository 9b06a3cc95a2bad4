import path from 'node:path';
import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { DiskBlobStore } from './disk-blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The S3-compatible store when MIXROOM_BLOB_URL names one, else files under the data folder. */
export function createBlobStore(config: Pick<Config, 'blobStore' | 'dataDir'>): BlobStore {
  if (config.blobStore) return new S3BlobStore(config.blobStore);
  return new DiskBlobStore(path.join(config.dataDir, 'blobs'));
}
