import fs from 'node:fs/promises';
import { renderMix, writeWav } from '../../lib/audio';
import { fetchStemAudio } from '../../lib/audio/engine/fetch-stem';
import type { MixSnapshot } from '../../lib/doc/read-mix';

export const RENDER_FORMATS = { f32: 'f32', wav24: 'wav24' } as const;
export type RenderFormat = keyof typeof RENDER_FORMATS;

export interface RenderCommandOptions {
  url: string;
  token: string;
  project: string;
  out: string;
  format: RenderFormat;
  /** Progress lines (stderr in the CLI). */
  progress: (line: string) => void;
}

interface MixResponse {
  mix: MixSnapshot;
  stems: Array<{ id: string; sampleRate: number; audioUrl: string }>;
}

async function fetchOk(url: string, token: string): Promise<Response> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
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

/**
 * `mixroom render`: fetches the live mix and the canonical stems through the HTTP API and renders
 * the mix (pre-master) with the same engine the browser uses.
 */
export async function renderCommand(options: RenderCommandOptions): Promise<{ frames: number; sampleRate: number }> {
  const base = options.url.replace(/\/+$/, '');
  const { mix, stems } = (await (await fetchOk(`${base}/api/projects/${encodeURIComponent(options.project)}/mix`, options.token)).json()) as MixResponse;
  const sampleRate = mix.meta.sampleRate;
  const pcm = new Map<string, Float32Array[]>();
  for (const [i, stem] of stems.entries()) {
    options.progress(`fetching stem ${i + 1}/${stems.length}`);
    const authorized = (url: string, init?: RequestInit) => fetch(url, { ...init, headers: { authorization: `Bearer ${options.token}` } });
    try {
      pcm.set(stem.id, (await fetchStemAudio(authorized, `${base}${stem.audioUrl}`, sampleRate)).channels);
    } catch (err) {
      throw new Error(`stem ${stem.id} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let last = -1;
  const rendered = renderMix({
    snapshot: mix,
    stems: pcm,
    sampleRate,
    onProgress: (fraction) => {
      const pct = Math.floor(fraction * 100);
      if (pct !== last) options.progress(`rendering ${pct}%`);
      last = pct;
    },
  });
  const bytes = writeWav({ sampleRate, channels: [rendered.left, rendered.right] }, options.format === 'f32' ? 'f32' : 'pcm24');
  await fs.writeFile(options.out, bytes);
  return { frames: rendered.left.length, sampleRate };
}
