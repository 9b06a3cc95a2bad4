import { sha256Hex } from '../export/provenance';
import { readWav, type WavData } from '../wav';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

async function errorMessage(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error?: { message?: string } }).error?.message ?? res.statusText;
  } catch {
    return res.statusText; // not JSON
  }
}

/**
 * Fetches and parses a stem's canonical audio (a float WAV at the project rate), checking its
 * rate. Used by the page (playback) and the export worker. A network failure is retried once
 * without the HTTP cache: Chromium fails one of two simultaneous downloads of the same URL with
 * ERR_CACHE_WRITE_FAILURE, which happens when an export starts while playback is still loading.
 */
export async function fetchStemAudio(fetchFn: Fetch, url: string, sampleRate: number, signal?: AbortSignal): Promise<WavData> {
  return (await fetchStemFile(fetchFn, url, sampleRate, signal)).wav;
}

/** `fetchStemAudio` plus the SHA-256 of the file (a render's provenance names its stems by it). */
export async function fetchStemFile(fetchFn: Fetch, url: string, sampleRate: number, signal?: AbortSignal): Promise<{ wav: WavData; sha256: string }> {
  let res: Response;
  try {
    res = await fetchFn(url, { credentials: 'same-origin', signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    res = await fetchFn(url, { credentials: 'same-origin', signal, cache: 'no-store' });
  }
  if (!res.ok) throw new Error(`the server answered ${res.status}: ${await errorMessage(res)}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const wav = readWav(bytes);
  if (wav.sampleRate !== sampleRate) throw new Error(`it is at ${wav.sampleRate} Hz, the project at ${sampleRate} Hz`);
  return { wav, sha256: await sha256Hex(bytes) };
}
