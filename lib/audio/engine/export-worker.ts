import { writeWav } from '../wav';
import { fetchStemAudio } from './fetch-stem';
import { renderMix } from '../render-mix';
import type { ExportCommand, ExportEvent } from './protocol';

/** The Web Worker scope as this module uses it. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<ExportCommand>) => void) | null;
  postMessage(message: ExportEvent, transfer?: Transferable[]): void;
  fetch: typeof fetch;
}

/**
 * Renders a mix to a 24-bit WAV off the page's thread: fetches the canonical stems, runs the same
 * `renderMix` as `mixroom render` and posts progress, then the file (transferred). Cancelling is
 * terminating the worker.
 */
export async function runExport(scope: WorkerScope, cmd: ExportCommand): Promise<void> {
  const { mix } = cmd;
  const sampleRate = mix.meta.sampleRate;
  const stems = new Map<string, Float32Array[]>();
  for (const [i, stem] of cmd.stems.entries()) {
    scope.postMessage({ type: 'progress', phase: 'fetching', fraction: i / Math.max(1, cmd.stems.length) });
    try {
      stems.set(stem.id, (await fetchStemAudio((url, init) => scope.fetch(url, init), stem.audioUrl, sampleRate)).channels);
    } catch (err) {
      throw new Error(`stem ${stem.id} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const rendered = renderMix({
    snapshot: mix,
    stems,
    sampleRate,
    onProgress: (fraction) => scope.postMessage({ type: 'progress', phase: 'rendering', fraction }),
  });
  const bytes = writeWav({ sampleRate, channels: [rendered.left, rendered.right] }, 'pcm24');
  const buffer = bytes.buffer as ArrayBuffer;
  scope.postMessage({ type: 'done', bytes: buffer, frames: rendered.left.length, sampleRate }, [buffer]);
}

export function startExportWorker(scope: WorkerScope): void {
  scope.onmessage = (e) => {
    if (e.data?.type !== 'render') return scope.postMessage({ type: 'error', message: 'unknown command' });
    runExport(scope, e.data).catch((err: unknown) => scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  };
}
