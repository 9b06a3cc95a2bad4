import fs from 'node:fs/promises';
import path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/audio/export/encode-export';
import { ENCODERS } from '../../lib/audio/export/encoders';
import { renderExport, type ExportResult } from '../../lib/audio/export/render-export';
import { renderStems } from '../../lib/audio/export/render-stems';
import { fetchStemFile } from '../../lib/audio/engine/fetch-stem';
import type { MixSnapshot } from '../../lib/doc/read-mix';
import { qualityReport, type QcItem } from '../../lib/audio/quality-control';
import { analyzeFile, type TargetId } from './analyze-command';

export const RENDER_FORMATS = EXPORT_FORMATS;
export type RenderFormat = ExportFormat;

export interface RenderCommandOptions {
  url: string;
  token: string;
  project: string;
  /** The file to write; with `stems`, the folder for one file per track. */
  out: string;
  format: RenderFormat;
  bitrate?: number;
  master: boolean;
  /** Masters to this preset instead of the project's own target. */
  target?: TargetId;
  stems: boolean;
  /** Progress lines (stderr in the CLI). */
  progress: (line: string) => void;
}

export interface RenderCommandResult {
  files: string[];
  frames: number;
  sampleRate: number;
  /** Provenance hash of the file (of the first stem with `stems`). */
  provenance: string;
  /** What the master measured, for the log. */
  summary: string | null;
  /** The quality report (of the mix or master; for an MP3 master including codec overs). */
  qc: QcItem[];
}

export interface MixResponse {
  mix: MixSnapshot;
  stems: Array<{ id: string; sampleRate: number; audioUrl: string }>;
}

export async function fetchOk(url: string, token: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  if (!res.ok) {
    let message = res.statusText;
    try {
      message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new Error(`${res.status} from ${new URL(url).pathname}: ${message}`);
  }
  return res;
}

export interface RenderInputs {
  snapshot: MixSnapshot;
  stems: Map<string, Float32Array[]>;
  stemHashes: Record<string, string>;
}

/** The snapshot and the stems' PCM and hashes of a mix response (`/api/projects/:id/mix`, `/api/revisions/:id`). */
export async function fetchRenderInputs(base: string, token: string, response: MixResponse, progress: (line: string) => void): Promise<RenderInputs> {
  const snapshot = response.mix;
  const sampleRate = snapshot.meta.sampleRate;
  const stems = new Map<string, Float32Array[]>();
  const stemHashes: Record<string, string> = {};
  for (const [i, stem] of response.stems.entries()) {
    progress(`fetching stem ${i + 1}/${response.stems.length}`);
    const authorized = (url: string, init?: RequestInit) => fetch(url, { ...init, headers: { authorization: `Bearer ${token}` } });
    try {
      const file = await fetchStemFile(authorized, `${base}${stem.audioUrl}`, sampleRate);
      stems.set(stem.id, file.wav.channels);
      stemHashes[stem.id] = file.sha256;
    } catch (err) {
      throw new Error(`stem ${stem.id} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { snapshot, stems, stemHashes };
}

/** Progress lines "rendering 42%", each percent once. */
export function renderProgress(progress: (line: string) => void, label = ''): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    const pct = Math.floor(fraction * 100);
    if (pct !== last) progress(`rendering${label} ${pct}%`);
    last = pct;
  };
}

/**
 * `mixroom render`: fetches the live mix and the canonical stems through the HTTP API and renders
 * the mix, the master or each track's stem with the same code as the browser's export worker.
 */
export async function renderCommand(options: RenderCommandOptions): Promise<RenderCommandResult> {
  const base = options.url.replace(/\/+$/, '');
  const response = (await (await fetchOk(`${base}/api/projects/${encodeURIComponent(options.project)}/mix`, options.token)).json()) as MixResponse;
  const inputs = await fetchRenderInputs(base, options.token, response, options.progress);
  let snapshot = inputs.snapshot;
  if (options.target) snapshot = { ...snapshot, master: { ...snapshot.master, target: options.target } };
  const request = { snapshot, stems: inputs.stems, stemHashes: inputs.stemHashes, format: options.format, bitrate: options.bitrate };
  if (options.stems) {
    await fs.mkdir(options.out, { recursive: true });
    const files: string[] = [];
    let first: ExportResult | null = null;
    let reporting = -1;
    let report = (_fraction: number) => {};
    const onProgress = (fraction: number, track: { index: number; name: string }) => {
      if (track.index !== reporting) [reporting, report] = [track.index, renderProgress(options.progress, ` ${track.name}`)];
      report(fraction);
    };
    await renderStems({ ...request, onProgress }, ENCODERS, async (stem) => {
      const file = path.join(options.out, stem.fileName);
      await fs.writeFile(file, stem.result.bytes);
      files.push(file);
      first ??= stem.result;
    });
    const made = first as ExportResult | null;
    if (!made) throw new Error('the project has no tracks');
    return { files, frames: made.frames, sampleRate: made.sampleRate, provenance: made.provenance, summary: null, qc: [] };
  }
  const result = await renderExport({ ...request, master: options.master, onProgress: renderProgress(options.progress) }, ENCODERS);
  await fs.writeFile(options.out, result.bytes);
  const summary = options.master
    ? `master: ${result.integratedLufs.toFixed(1)} LUFS, true peak ${result.truePeakDbtp.toFixed(2)} dBTP, normalisation ${result.normalizationGainDb?.toFixed(2)} dB`
    : null;
  let qc = result.qc;
  if (options.master && options.format === 'mp3') {
    // Codec overs: the ceiling measured again on the MP3 as a player decodes it.
    const decoded = await analyzeFile(options.out, { series: false });
    qc = qualityReport(result.measurement, { ...result.qualityContext, encodedTruePeakDbtp: decoded.truePeakDbtp });
  }
  return { files: [options.out], frames: result.frames, sampleRate: result.sampleRate, provenance: result.provenance, summary, qc };
}
