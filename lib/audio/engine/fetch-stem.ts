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
 * rate. Used by the page (playback) and the export worker. A network failure, before the answer
 * or while reading its body, is retried once without the HTTP cache: Chromium fails one of two
 * simultaneous downloads of the same URL with ERR_CACHE_WRITE_FAILURE, which happens when an
 * export starts while playback is still loading, or while the master is being analysed.
 */
export async function fetchStemAudio(fetchFn: Fetch, url: string, sampleRate: number, signal?: AbortSignal): Promise<WavData> {
  return (await fetchStemFile(fetchFn, url, sampleRate, signal)).wav;
}

/** `fetchStemAudio` plus the SHA-256 of the file (a render's provenance names its stems by it). */
export async function fetchStemFile(fetchFn: Fetch, url: string, sampleRate: number, signal?: AbortSignal): Promise<{ wav: WavData; sha256: string }> {
  const download = async (init: RequestInit): Promise<Uint8Array> => {
    const res = await fetchFn(url, { credentials: 'same-origin', signal, ...init });
    if (!res.ok) throw new HttpError(`the server answered ${res.status}: ${await errorMessage(res)}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  let bytes: Uint8Array;
  try {
    bytes = await download({});
  } catch (err) {
    if (signal?.aborted || err instanceof HttpError) throw err;
    bytes = await download({ cache: 'no-store' });
  }
  const wav = readWav(bytes);
  if (wav.sampleRate !== sampleRate) throw new Error(`it is at ${wav.sampleRate} Hz, the project at ${sampleRate} Hz`);
  return { wav, sha256: await sha256Hex(bytes) };
}

/** The server answered, with an error: not a network failure, so not tried again. */
class HttpError extends Error {}
