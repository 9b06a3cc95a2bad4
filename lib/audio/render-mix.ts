import type { MixSnapshot } from '../doc/read-mix';
import type { MasterMode } from './master-section';
import { MixEngine } from './mix-engine';
import { mixLengthSec } from './mix-length';
import { withPitchStems } from './pitch-prepass';

export { mixLengthSec } from './mix-length';

export interface RenderMixOptions {
  snapshot: MixSnapshot;
  /** Stem PCM by stem id, at `sampleRate`, 1 or 2 channels. Tracks whose stem is missing are silent. */
  stems: ReadonlyMap<string, ReadonlyArray<Float32Array>>;
  /** Rate of the stems and of the result, in Hz. */
  sampleRate: number;
  /** Where on the timeline to start, in seconds. @min 0 @default 0 */
  startSec?: number;
  /**
   * Length in seconds. @default from `startSec` to the end of the last clip (offsetSec + stem
   * length, over all tracks with a stem) or to `meta.lengthSec`, whichever is later
   */
  durationSec?: number;
  /** Called with the rendered share, 0..1, about every second of audio and once with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /**
   * How much of the master section runs (MixEngineOptions.master). @default 'off' (the mix,
   * pre-master; `renderMaster` renders a master)
   */
  master?: MasterMode;
  /** Normalisation gain for `master: 'full'` (see MixEngine.setNormalizationGainDb). @default 0 */
  normalizationGainDb?: number;
  /** Find the tracks that go over full scale before their fader (`preFaderClips`). @default false */
  watchClipping?: boolean;
}

export interface RenderedMix {
  left: Float32Array;
  right: Float32Array;
  /** With `watchClipping`: each track over full scale before its fader, its peak (linear) and first frame over. */
  preFaderClips?: Array<{ trackId: string; peak: number; firstOverFrame: number }>;
}

/** Offline render blocks are the AudioWorklet's 128 frames, so live playback and renders agree. */
export const RENDER_BLOCK_FRAMES = 128;

/** Renders the mix (pre-master unless `master` says otherwise) offline through `MixEngine` in 128-frame blocks. */
export function renderMix(options: RenderMixOptions): RenderedMix {
  const { snapshot, stems, sampleRate, onProgress } = options;
  const startSec = options.startSec ?? 0;
  const durationSec = options.durationSec ?? Math.max(0, mixLengthSec(snapshot, stems, sampleRate) - startSec);
  if (!(durationSec >= 0) || !Number.isFinite(durationSec)) throw new RangeError(`durationSec must be a finite number >= 0, got ${durationSec}`);
  const engine = new MixEngine({ sampleRate, blockSize: RENDER_BLOCK_FRAMES, master: options.master ?? 'off', watchClipping: options.watchClipping ?? false });
  // Pitch correction is computed ahead, per stem (SPEC L18): the corrected copies join the stems.
  for (const [stemId, channels] of withPitchStems(snapshot, stems, sampleRate)) engine.setStem(stemId, channels);
  engine.setMix(snapshot);
  engine.setNormalizationGainDb(options.normalizationGainDb ?? 0);
  const frames = Math.round(durationSec * sampleRate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const startFrame = Math.round(startSec * sampleRate);
  // Chunks of about a second: progress is reported between them, and subarray views of the
  // output are made per chunk only, not per block.
  const chunk = RENDER_BLOCK_FRAMES * Math.max(1, Math.round(sampleRate / RENDER_BLOCK_FRAMES));
  for (let done = 0; done < frames; done += chunk) {
    const n = Math.min(chunk, frames - done);
    engine.process(startFrame + done, n, left.subarray(done, done + n), right.subarray(done, done + n));
    if (onProgress && done + n < frames) onProgress((done + n) / frames);
  }
  onProgress?.(1);
  return options.watchClipping ? { left, right, preFaderClips: engine.preFaderClips() } : { left, right };
}
