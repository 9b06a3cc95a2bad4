import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../lib/errors';
import { unprocessable } from './ingest-errors';
import { resolveIngestOptions, type IngestRequest, type IngestResult } from './ingest-options';
import type { WorkerReply, WorkerTask } from './ingest-worker';
import type { AudioReport, MeasureOptions } from './measure-audio';

export interface IngestFileControls {
  /** Aborting (a cancelled upload) terminates the worker; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** How long a worker may take and how much JavaScript heap it gets. */
export interface WorkerLimits {
  timeLimitSec: number;
  workerHeapMb: number;
}

/**
 * Ingests one uploaded file in a worker thread: the server keeps answering while a hostile file
 * is decoded. Resolves with the outputs in `outputDir` (`audio.wav`, `peaks.json`,
 * `analysis.json`); see `runInWorker` for the limits and errors.
 */
export function ingestFile(request: IngestRequest, controls: IngestFileControls = {}): Promise<IngestResult> {
  const options = resolveIngestOptions(request);
  return runInWorker<IngestResult>({ kind: 'ingest', options }, options, controls);
}

/**
 * Measures an uploaded programme (a revision's render) in a worker thread: loudness, levels, the
 * quality report and, with `peaksPath`, its waveform peaks (server/ingest/measure-audio.ts).
 */
export function measureFile(file: string, options: MeasureOptions & WorkerLimits, controls: IngestFileControls = {}): Promise<AudioReport> {
  const { timeLimitSec, workerHeapMb, ...measure } = options;
  return runInWorker<AudioReport>({ kind: 'measure', file, options: measure }, { timeLimitSec, workerHeapMb }, controls);
}

/**
 * Runs one task in a worker thread. The time limit is enforced with `worker.terminate()` (WASM
 * decoders cannot be interrupted otherwise); the JS heap with `resourceLimits`. Rejects with an
 * `AppError` (415/422 for the file, 500 for our own faults) only after the worker has stopped, so
 * the caller can remove its files at once.
 */
function runInWorker<T>(task: WorkerTask, limits: WorkerLimits, controls: IngestFileControls): Promise<T> {
  const { entry, eval: isEval } = locateWorker();
  const worker = new Worker(entry, {
    eval: isEval,
    workerData: task,
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb },
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    /** Why we stopped the worker; the promise rejects with it once the worker has exited. */
    let stopReason: unknown;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controls.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const stop = (reason: unknown) => {
      if (settled || stopReason !== undefined) return;
      stopReason = reason;
      void worker.terminate();
    };
    const timer = setTimeout(() => stop(unprocessable(`decoding took longer than ${limits.timeLimitSec} s`, { timeLimitSec: limits.timeLimitSec })), limits.timeLimitSec * 1000);
    const onAbort = () => stop(controls.signal?.reason ?? new Error('ingest aborted'));
    if (controls.signal?.aborted) onAbort();
    controls.signal?.addEventListener('abort', onAbort, { once: true });

    worker.once('message', (reply: WorkerReply) => {
      if (stopReason !== undefined) return;
      if (reply.ok) return settle(() => resolve(reply.result as T));
      const { code, message, userMessage, details, stack } = reply.error;
      const cause = stack ? Object.assign(new Error(message), { stack }) : undefined;
      stop(new AppError(code, { message, userMessage, details, cause }));
    });
    worker.once('error', (err: Error & { code?: string }) => {
      stopReason ??=
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? unprocessable(`decoding needed more than the ${limits.workerHeapMb} MB memory limit`, undefined, err)
          : new AppError('internal', { message: `ingest worker failed: ${err.message}`, userMessage: 'the file could not be processed', cause: err });
    });
    worker.once('exit', (code) => {
      const reason = stopReason ?? new AppError('internal', { message: `ingest worker exited with code ${code} before replying`, userMessage: 'the file could not be processed' });
      settle(() => reject(reason));
    });
  });
}

/**
 * The bundled worker next to this module's bundle (`dist/ingest-worker.mjs` beside
 * `dist/main.mjs`) when it exists; otherwise the TypeScript source loaded through tsx's
 * `tsImport` from a tiny eval'd bootstrap (dev, vitest: neither transforms code that
 * `worker_threads` loads, and `--import tsx` in a worker's execArgv does not reach its entry).
 */
export function locateWorker(): { entry: URL | string; eval: boolean } {
  const bundled = new URL('./ingest-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return { entry: bundled, eval: false };
  const source = new URL('./ingest-worker.ts', import.meta.url).href;
  // The ESM build of tsx's API (require.resolve would pick the CommonJS one).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  return { entry: `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));`, eval: true };
}
