import type { CodecCommand, CodecEvent, ExportCommand, ExportEvent } from '../../../../../lib/audio/engine/protocol';
import type { MixSnapshot } from '../../../../../lib/doc';
import { ENGINE_BUNDLE_URL } from '../transport/playback';
import { stemAudioUrl } from '../transport/stem-loader';

export interface ExportProgress {
  phase: 'fetching' | 'rendering';
  /** 0..1 within the phase. */
  fraction: number;
}

export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** What the export worker hands back: the file and what it knows of it (`ExportEvent` done). */
export type ExportDone = Extract<ExportEvent, { type: 'done' }>;

/**
 * Runs one export command in a Web Worker running the engine bundle (the same code as the worklet
 * and `mixroom render`). Aborting `signal` terminates the worker at once.
 */
export function runExportWorker(command: ExportCommand, onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<ExportDone> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ExportCancelled());
    const worker = new Worker(ENGINE_BUNDLE_URL, { name: 'mixroom-export' });
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
      reject(new Error(`the export worker failed: ${e.message || 'could not load the engine'}`));
    };
    worker.onmessage = (e: MessageEvent<ExportEvent>) => {
      const event = e.data;
      if (event.type === 'progress') onProgress({ phase: event.phase, fraction: event.fraction });
      else if (event.type === 'error') {
        finish();
        reject(new Error(event.message));
      } else if (event.type === 'done') {
        finish();
        resolve(event);
      }
    };
    worker.postMessage(command);
  });
}

/** Encodes PCM to MP3 in the export worker (the codec preview); aborting terminates the worker. */
export function runCodecWorker(command: CodecCommand, signal: AbortSignal): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ExportCancelled());
    const worker = new Worker(ENGINE_BUNDLE_URL, { name: 'mixroom-codec' });
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
      reject(new Error(`the codec worker failed: ${e.message || 'could not load the engine'}`));
    };
    worker.onmessage = (e: MessageEvent<CodecEvent>) => {
      finish();
      if (e.data.type === 'codec-done') resolve(e.data.bytes);
      else reject(new Error(e.data.message));
    };
    worker.postMessage(command, [command.channels[0].buffer, command.channels[1].buffer]);
  });
}

/** The export command of a mix: its stems by their canonical audio, and the options (format, master, ...). */
export function exportCommand(mix: MixSnapshot, options: Omit<ExportCommand, 'type' | 'mix' | 'stems'> = {}): ExportCommand {
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
  // eslint-disable-next-line no-control-regex
  const base = projectName.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 120).trim();
  return `${base || 'mix'}${suffix ? ` (${suffix})` : ''}.${extension}`;
}
