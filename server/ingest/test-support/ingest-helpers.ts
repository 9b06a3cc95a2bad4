import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { isAppError, type ErrorCode } from '../../../lib/errors';
import { readFloatWav } from '../../../lib/dsp/test-support/wav';
import type { IngestRequest, IngestResult } from '../ingest-options';
import { runIngest } from '../run-ingest';

/** Runs the pipeline in this thread with a fresh output folder under `folder`. */
export function ingest(folder: string, inputPath: string, options: Partial<IngestRequest> = {}): Promise<IngestResult> {
  return runIngest({ inputPath, outputDir: mkdtempSync(join(folder, 'out-')), ...options });
}

/** Asserts that ingesting `inputPath` fails with `code` and a user message matching `message`. */
export async function expectIngestError(folder: string, inputPath: string, code: ErrorCode, message: RegExp | string, options: Partial<IngestRequest> = {}): Promise<void> {
  const err = await ingest(folder, inputPath, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(err), `expected an AppError, got ${String(err)}`).toBe(true);
  if (!isAppError(err)) return;
  expect(err.code).toBe(code);
  if (typeof message === 'string') expect(err.userMessage).toContain(message);
  else expect(err.userMessage).toMatch(message);
}

export function readCanonical(result: IngestResult): { sampleRate: number; channels: Float32Array[] } {
  return readFloatWav(result.audioPath);
}
