import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../lib/errors';
import type { IngestRequest, IngestResult } from '../ingest/ingest-options';
import type { ReceivedUpload } from './receive-upload';

/** What an ingest needs of the stems' context. */
export interface IngestContext {
  ingest: (request: IngestRequest) => Promise<IngestResult>;
  /** Scratch folder inside the data folder. */
  tmpDir: string;
}

/**
 * Decodes an upload (off the main thread, time-limited) into a scratch folder at the rate that
 * `prepare` returns, and hands the result to `use`. `prepare` runs first (the last checks before
 * the work). Whatever happens, the upload and the scratch folder are gone afterwards.
 */
export async function ingestUpload<P extends { sampleRate: number }, T>(
  ctx: IngestContext,
  upload: ReceivedUpload,
  prepare: () => Promise<P>,
  use: (result: IngestResult, prepared: P) => Promise<T>,
): Promise<T> {
  const outputDir = await fsp.mkdtemp(path.join(ctx.tmpDir, 'ingest-'));
  try {
    const prepared = await prepare();
    const result = await ctx.ingest({ inputPath: upload.path, outputDir, projectSampleRate: prepared.sampleRate });
    return await use(result, prepared);
  } finally {
    await fsp.rm(outputDir, { recursive: true, force: true });
    await fsp.rm(upload.path, { force: true });
  }
}

/** The source of a mastering-only project is one stereo mix (SPEC M1): anything else is refused, saying what it is. */
export function requireStereoMix(channels: number): void {
  if (channels === 2) return;
  throw new AppError('unprocessable', {
    message: `a mastering-only project is made from one stereo mix: this file has ${channels} channel${channels === 1 ? '' : 's'}. Export the mix as a stereo file (2 channels) and upload that.`,
    details: { channels },
  });
}
