/**
 * Worker entry of the ingest (a process entry, like server/main.ts: it runs on load). Started by
 * `ingestFile` with the resolved options as `workerData`; replies once with a `WorkerReply`.
 * Production runs the esbuild bundle of this file, `dist/ingest-worker.mjs`, next to `dist/main.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError, type ErrorCode } from '../../lib/errors';
import type { IngestOptions, IngestResult } from './ingest-options';
import { runIngest } from './run-ingest';

export interface SerializedError {
  code: ErrorCode;
  message: string;
  userMessage: string;
  details?: Record<string, unknown>;
  stack?: string;
}
export type WorkerReply = { ok: true; result: IngestResult } | { ok: false; error: SerializedError };

if (parentPort && (workerData as { inputPath?: unknown } | null)?.inputPath) {
  const port = parentPort;
  // The WASM decoders print every recoverable stream error with console.error; the reply carries what matters.
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^(mpg123-decoder|@wasm-audio-decoders|codec-parser)/.test(args[0])) return;
    print(...args);
  };
  runIngest(workerData as IngestOptions).then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ ok: false, error: serializeError(err) } satisfies WorkerReply),
  );
}

function serializeError(err: unknown): SerializedError {
  if (isAppError(err)) return { code: err.code, message: err.message, userMessage: err.userMessage, details: err.details, stack: err.stack };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `ingest failed: ${message}`, userMessage: 'the file could not be processed', stack: err instanceof Error ? err.stack : undefined };
}
