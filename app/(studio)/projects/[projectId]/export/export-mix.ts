import type { CodecCommand, CodecEvent, ExportCommand, ExportEvent, RenderCommand } from '../../../../../lib/audio/engine/protocol';
import { safeFileBase } from '../../../../../lib/audio/export/file-names';
import type { MixSnapshot } from '../../../../../lib/doc';
import { ENGINE_BUNDLE_URL } from '../transport/playback';
import { stemAudioUrl } from '../transport/stem-loader';

export interface ExportProgress {
  phase: 'fetching' | 'rendering';
  /** 0..1 within the phase. */
  fraction: number;
  /** Which part is being rendered, when there are several ("Bass (2 of 6)"). */
  detail?: string;
}

export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** What the export worker hands back: the file and what it knows of it (`ExportEvent` done). */
export type ExportDone = Extract<ExportEvent, { type: 'done' }>;
/** The stems of a `stems` command: one zip and its files (`ExportEvent` stems-done). */
export type StemsDone = Extract<ExportEvent, { type: 'stems-done' }>;

type WorkerEvent = ExportEvent | CodecEvent;

/**
 * Runs one command in a Web Worker running the engine bundle (the same code as the worklet and
 * `mixroom render`) and settles with the event `answer` picks out; progress goes to `onProgress`,
 * an error event rejects. Aborting `signal` terminates the worker at once.
 */
function runEngineWorker<T extends WorkerEvent>(
  name: string,
  command: ExportCommand | CodecCommand,
  transfer: Transferable[],
  answer: (event: WorkerEvent) => event is T,
  signal: AbortSignal,
  onProgress: (p: ExportProgress) => void = () => {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ExportCancelled());
    const worker = new Worker(ENGINE_BUNDLE_URL, { name: `mixroom-${name}` });
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new ExportCancelled());
    };
    signal.addEventListener('abort', onAbort);
    worker.onerror = (e) => {
      finish();
      reject(new Error(`the ${name} worker failed: ${e.message || 'could not load the engine'}`));
    };
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const event = e.data;
      if (event.type === 'progress') return onProgress({ phase: event.phase, fraction: event.fraction, detail: event.detail });
      finish();
      if (answer(event)) resolve(event);
      else reject(new Error(event.type === 'error' ? event.message : `the ${name} worker answered ${event.type}`));
    };
    worker.postMessage(command, transfer);
  });
}

/** Runs one export command in the export worker: the rendered file. */
export function runExportWorker(command: ExportCommand, onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<ExportDone> {
  return runEngineWorker('export', command, [], (e): e is ExportDone => e.type === 'done', signal, onProgress);
}

/** Renders every track's stem in the export worker (the code of `mixroom render --stems`): one zip. */
export function runStemsWorker(command: RenderCommand, onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<StemsDone> {
  return runEngineWorker('export', { ...command, stemFiles: true }, [], (e): e is StemsDone => e.type === 'stems-done', signal, onProgress);
}

/** Encodes PCM to MP3 in the export worker (the codec preview); aborting terminates the worker. */
export async function runCodecWorker(command: CodecCommand, signal: AbortSignal): Promise<ArrayBuffer> {
  const done = await runEngineWorker(
    'codec',
    command,
    [command.channels[0].buffer, command.channels[1].buffer],
    (e): e is Extract<CodecEvent, { type: 'codec-done' }> => e.type === 'codec-done',
    signal,
  );
  return done.bytes;
}

/** The export command of a mix: its stems by their canonical audio, and the options (format, master, ...). */
export function exportCommand(mix: MixSnapshot, options: Omit<RenderCommand, 'type' | 'mix' | 'stems'> = {}): RenderCommand {
  const stemIds = [...new Set(mix.tracks.flatMap((t) => (t.stemId === null ? [] : [t.stemId])))];
  return { type: 'render', mix, stems: stemIds.map((id) => ({ id, audioUrl: stemAudioUrl(id) })), ...options };
}

/** Renders the mix to a 24-bit WAV in the export worker (`runExportWorker`). */
export async function exportMix(mix: MixSnapshot, onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<Blob> {
  const done = await runExportWorker(exportCommand(mix), onProgress, signal);
  return new Blob([done.bytes], { type: 'audio/wav' });
}

/** A file name for an export: the project name without characters file systems refuse, a suffix ("master"), the extension. */
export function exportFileName(projectName: string, extension = 'wav', suffix = ''): string {
  return `${safeFileBase(projectName, 'mix', 120)}${suffix ? ` (${suffix})` : ''}.${extension}`;
}
