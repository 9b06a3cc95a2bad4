import { fetchStemAudio } from '../../../../../lib/audio/engine/fetch-stem';

/** The canonical audio of a stem: float WAV at the project rate (server/stems). */
export const stemAudioUrl = (stemId: string) => `/api/stems/${encodeURIComponent(stemId)}/audio`;

/** Stems fetched at once: enough to keep the connection busy, few enough to keep memory flat. */
const PARALLEL = 2;

export interface LoadedStem {
  stemId: string;
  channels: Float32Array[];
}

/**
 * Fetches and parses the canonical PCM of stems (never `decodeAudioData`, which would resample to
 * the context rate), `PARALLEL` at a time. Each stem is handed to `onLoaded` as soon as it is
 * parsed; failures go to `onError` with the stem id and do not stop the others.
 */
export async function loadStems(
  stemIds: readonly string[],
  sampleRate: number,
  onLoaded: (stem: LoadedStem) => void,
  onError: (stemId: string, message: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const queue = [...stemIds];
  const worker = async () => {
    for (let stemId = queue.shift(); stemId !== undefined && !signal.aborted; stemId = queue.shift()) {
      try {
        const wav = await fetchStemAudio((url, init) => fetch(url, init), stemAudioUrl(stemId), sampleRate, signal);
        if (!signal.aborted) onLoaded({ stemId, channels: wav.channels });
      } catch (err) {
        if (!signal.aborted) onError(stemId, err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}
