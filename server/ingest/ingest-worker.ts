/**
 * Worker entry of the ingest and of measuring uploaded audio (a process entry, like server/main.ts:
 * it runs on load). Started by `ingestFile` / `measureFile` with a `WorkerTask` as `workerData`;
 * replies once with a `WorkerReply`. Production runs the esbuild bundle of this file,
 * `dist/ingest-worker.mjs`, next to `dist/main.mjs`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError, type ErrorCode } from '../../lib/errors';
import type { IngestOptions } from './ingest-options';
import { measureAudio, type MeasureOptions } from './measure-audio';
import { runIngest } from './run-ingest';

/** What a worker is asked to do with an uploaded file. */
export type WorkerTask = { kind: 'ingest'; options: IngestOptions } | { kind: 'measure'; file: string; options: MeasureOptions };

export interface SerializedError {
  code: ErrorCode;
  message: string;
  userMessage: string;
  details?: Record<string, unknown>;
  stack?: string;
}
export type WorkerReply = { ok: true; result: unknown } | { ok: false; error: SerializedError };

function run(task: WorkerTask): Promise<unknown> {
  return task.kind === 'ingest' ? runIngest(task.options) : measureAudio(task.file, task.options);
}

if (parentPort && (workerData as Partial<WorkerTask> | null)?.kind) {
  const port = parentPort;
  // The WASM decoders print every recoverable stream error with console.error; the reply carries what matters.
  const print = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^(mpg123-decoder|@wasm-audio-decoders|codec-parser)/.test(args[0])) return;
    print(...args);
  };
  run(workerData as WorkerTask).then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ ok: false, error: serializeError(err) } satisfies WorkerReply),
  );
}

function serializeError(err: unknown): SerializedError {
  if (isAppError(err)) return { code: err.code, message: err.message, userMessage: err.userMessage, details: err.details, stack: err.stack };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `ingest failed: ${message}`, userMessage: 'the file could not be processed', stack: err instanceof Error ? err.stack : undefined };
}
