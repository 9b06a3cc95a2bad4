import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config: MIXROOM_BLOB_URL', () => {
  it('is absent by default: blobs stay on local disk', () => {
    expect(loadConfig({}).blobStore).toBeUndefined();
  });

  it('names an S3-compatible bucket, with the AWS keys when they are given', () => {
    const config = loadConfig({
      MIXROOM_BLOB_URL: 's3://mix?endpoint=http://127.0.0.1:9000&region=eu-west-1',
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.blobStore).toEqual({
      bucket: 'mix',
      prefix: '',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret', sessionToken: undefined },
    });
    expect(loadConfig({ MIXROOM_BLOB_URL: 's3://mix' }).blobStore?.credentials).toBeUndefined();
  });

  it('refuses a URL that is not s3:// or has unknown parameters, naming the variable', () => {
    for (const bad of ['https://mix', 's3://mix?endpint=http://x']) {
      const err = (() => {
        try {
          loadConfig({ MIXROOM_BLOB_URL: bad });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/MIXROOM_BLOB_URL: (must start with s3:\/\/|unknown parameter "endpint")/);
    }
  });
});

describe('config: the save queue bound and the upgrade grace', () => {
  it('W19, W20: leave the defaults when absent, and read MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES and MIXROOM_SYNC_AUTH_GRACE_MS (0 turns the grace off)', () => {
    expect(loadConfig({}).syncLimits).toEqual({});
    expect(loadConfig({ MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES: '1048576', MIXROOM_SYNC_AUTH_GRACE_MS: '0' }).syncLimits).toEqual({ saveQueueMaxBytes: 1048576, authGraceMs: 0 });
  });

  it('refuses a bound that is not a positive whole number, and a negative grace', () => {
    expect(() => loadConfig({ MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES: '0' })).toThrow(/MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES: must be positive/);
    expect(() => loadConfig({ MIXROOM_SYNC_AUTH_GRACE_MS: '-1' })).toThrow(/MIXROOM_SYNC_AUTH_GRACE_MS: must be 0 or more/);
  });
});
