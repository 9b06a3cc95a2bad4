import { encodeExport, MIME_TYPES, type Encoders } from '../export/encode-export';
import { renderExport } from '../export/render-export';
import { renderStems } from '../export/render-stems';
import { zipFiles } from '../export/zip-files';
import { fetchStemFile } from './fetch-stem';
import { correctStemWithCurve } from '../pitch-prepass';
import type { CodecCommand, CodecEvent, ExportCommand, ExportEvent, PitchCommand, RenderCommand, StemFileInfo } from './protocol';

/** The Web Worker scope as this module uses it. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<ExportCommand | CodecCommand>) => void) | null;
  postMessage(message: ExportEvent | CodecEvent, transfer?: Transferable[]): void;
  fetch: typeof fetch;
  importScripts?: (...urls: string[]) => void;
  location?: { href: string };
}

/** File name of the encoder bundle, beside the engine bundle (`npm run build:engine`). */
export const ENCODERS_BUNDLE = 'mixroom-encoders.js';

/** Loads the FLAC and MP3 encoders into the worker, once, from their own bundle. */
function loadEncoders(scope: WorkerScope): Encoders {
  const global = globalThis as unknown as { mixroomEncoders?: Encoders };
  if (!global.mixroomEncoders) {
    if (!scope.importScripts || !scope.location) throw new Error('the encoders can only be loaded in a classic Web Worker');
    scope.importScripts(new URL(ENCODERS_BUNDLE, scope.location.href).href);
  }
  if (!global.mixroomEncoders) throw new Error(`${ENCODERS_BUNDLE} did not define the encoders`);
  return global.mixroomEncoders;
}

/** Encoders for the formats that need none (WAV): reaching one is a bug. */
const WAV_ONLY: Encoders = {
  flac: () => Promise.reject(new Error('FLAC encoder not loaded')),
  mp3: () => Promise.reject(new Error('MP3 encoder not loaded')),
};

/**
 * Renders an export off the page's thread: fetches the canonical stems, runs the same
 * `renderExport` as `mixroom render` (mix, master or one track's stem; WAV, FLAC or MP3) and posts
 * progress, then the file (transferred). Cancelling is terminating the worker.
 */
export async function runExport(scope: WorkerScope, cmd: RenderCommand): Promise<void> {
  const { mix } = cmd;
  const sampleRate = mix.meta.sampleRate;
  const format = cmd.format ?? 'wav24';
  const stems = new Map<string, Float32Array[]>();
  const stemHashes: Record<string, string> = {};
  for (const [i, stem] of cmd.stems.entries()) {
    scope.postMessage({ type: 'progress', phase: 'fetching', fraction: i / Math.max(1, cmd.stems.length) });
    try {
      const file = await fetchStemFile((url, init) => scope.fetch(url, init), stem.audioUrl, sampleRate);
      stems.set(stem.id, file.wav.channels);
      stemHashes[stem.id] = file.sha256;
    } catch (err) {
      throw new Error(`stem ${stem.id} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const encoders = format === 'flac' || format === 'mp3' ? loadEncoders(scope) : WAV_ONLY;
  const inputs = { snapshot: mix, stems, stemHashes, format, bitrate: cmd.bitrate };
  if (cmd.stemFiles === true) return runStems(scope, inputs, encoders);
  const result = await renderExport(
    {
      ...inputs, master: cmd.master, trackId: cmd.trackId,
      onProgress: (fraction) => scope.postMessage({ type: 'progress', phase: 'rendering', fraction }),
    },
    encoders,
  );
  const buffer = result.bytes.buffer as ArrayBuffer;
  scope.postMessage(
    {
      type: 'done', bytes: buffer, frames: result.frames, sampleRate: result.sampleRate, mimeType: MIME_TYPES[format], provenance: result.provenance,
      integratedLufs: result.integratedLufs, truePeakDbtp: result.truePeakDbtp, normalizationGainDb: result.normalizationGainDb, qc: result.qc,
    },
    [buffer],
  );
}

/** Every track's stem with the CLI's own code (`renderStems`), zipped: progress names the stem being rendered. */
async function runStems(scope: WorkerScope, inputs: Parameters<typeof renderStems>[0], encoders: Encoders): Promise<void> {
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const info: StemFileInfo[] = [];
  await renderStems(
    {
      ...inputs,
      onProgress: (fraction, track) =>
        scope.postMessage({ type: 'progress', phase: 'rendering', fraction: (track.index + fraction) / track.count, detail: `${track.name} (${track.index + 1} of ${track.count})` }),
    },
    encoders,
    (stem) => {
      files.push({ name: stem.fileName, bytes: stem.result.bytes });
      info.push({ fileName: stem.fileName, trackId: stem.trackId, trackName: stem.trackName, frames: stem.result.frames, provenance: stem.result.provenance });
    },
  );
  const buffer = zipFiles(files).buffer as ArrayBuffer;
  scope.postMessage({ type: 'stems-done', bytes: buffer, mimeType: 'application/zip', sampleRate: inputs.snapshot.meta.sampleRate, files: info }, [buffer]);
}

/** Progress of a pitch pre-pass is posted when it moved by this share (about 50 messages). */
const PITCH_PROGRESS_STEP = 0.02;

/** Fetches a stem and posts its pitch-corrected copy (the same `correctStem` as Node renders), with progress. */
export async function runPitch(scope: WorkerScope, cmd: PitchCommand): Promise<void> {
  scope.postMessage({ type: 'pitch-progress', phase: 'fetching', fraction: 0 });
  const file = await fetchStemFile((url, init) => scope.fetch(url, init), cmd.audioUrl, cmd.sampleRate);
  let posted = -1;
  const onProgress = (fraction: number) => {
    if (fraction - posted < PITCH_PROGRESS_STEP && fraction < 1) return;
    posted = fraction;
    scope.postMessage({ type: 'pitch-progress', phase: 'correcting', fraction });
  };
  const { channels, curve } = correctStemWithCurve(file.wav.channels, cmd.sampleRate, cmd.params, onProgress);
  const buffers = [...channels.map((c) => c.buffer), curve.detectedHz.buffer, curve.correctedHz.buffer] as ArrayBuffer[];
  scope.postMessage({ type: 'pitched', stemId: cmd.stemId, channels, curve }, [...new Set(buffers)]);
}

/** Encodes PCM to MP3 as an MP3 export would (16-bit TPDF dither, LAME CBR), for the codec preview. */
export async function runCodec(scope: WorkerScope, cmd: CodecCommand): Promise<void> {
  const bytes = await encodeExport(cmd.channels, cmd.sampleRate, { format: 'mp3', bitrate: cmd.bitrate, provenance: '{}' }, loadEncoders(scope));
  const buffer = bytes.buffer as ArrayBuffer;
  scope.postMessage({ type: 'codec-done', bytes: buffer }, [buffer]);
}

export function startExportWorker(scope: WorkerScope): void {
  scope.onmessage = (e) => {
    const fail = (err: unknown) => scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    if (e.data?.type === 'render') runExport(scope, e.data).catch(fail);
    else if (e.data?.type === 'pitch') runPitch(scope, e.data).catch(fail);
    else if (e.data?.type === 'codec') runCodec(scope, e.data).catch(fail);
    else scope.postMessage({ type: 'error', message: 'unknown command' });
  };
}
