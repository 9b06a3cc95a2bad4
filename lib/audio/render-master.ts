import type { MixSnapshot } from '../doc/read-mix';
import { dbToGain, LoudnessMeter, TruePeakLimiter, type Decibels, type Hertz, type Lufs } from '../dsp';
import { scaleBy } from './block-ops';
import { applyFades, limiterFor } from './master-section';
import { resolveTarget } from './mastering-targets';
import { mixLengthSec } from './mix-length';
import { resampleStereo } from './resample-stereo';
import { renderMix, RENDER_BLOCK_FRAMES, type RenderMixOptions } from './render-mix';

export type RenderMasterOptions = Omit<RenderMixOptions, 'master' | 'normalizationGainDb'>;

export interface RenderedMaster {
  left: Float32Array;
  right: Float32Array;
  /** The output rate: the project's, or the target's (44.1 kHz for CD). */
  sampleRate: Hertz;
  /** The normalisation gain applied before the limiter (0 without a target loudness). */
  normalizationGainDb: Decibels;
  /** Integrated loudness before that gain (null: nothing passed the gates, or no target loudness). */
  preLufs: Lufs | null;
  /** Integrated loudness and true peak of the result. */
  integratedLufs: Lufs;
  truePeakDbtp: Decibels;
  /** Finishing passes run to land on the target (0 without normalisation). */
  passes: number;
}

/** Normalisation stops when the result is this close to the target. */
const LANDING_LU = 0.05;
const MAX_PASSES = 5;

/**
 * Renders a master. Without a target loudness at the project rate, this is the engine with its
 * whole master section in one pass, the samples live playback gives at the same normalisation
 * gain. With one (SPEC L16): the mix through the chain up to the normalisation gain is rendered
 * once and measured (BS.1770 integrated); then gain -> limiter -> fades runs over it, and runs
 * again with the gain corrected by what the limiter took, until the result lands within 0.05 LU
 * (at most 5 passes). A target that fixes another rate (CD) is reached by resampling before the
 * limiter, so the ceiling holds at the delivered rate.
 */
export function renderMaster(options: RenderMasterOptions): RenderedMaster {
  const { snapshot, stems, sampleRate } = options;
  const target = resolveTarget(snapshot.master);
  const outRate = target?.sampleRate ?? sampleRate;
  const loudness = target?.integratedLufs ?? null;
  const startSec = options.startSec ?? 0;
  const durationSec = options.durationSec ?? Math.max(0, mixLengthSec(snapshot, stems, sampleRate) - startSec);
  if (loudness === null && outRate === sampleRate) {
    const { left, right } = renderMix({ ...options, durationSec, master: 'full' });
    const measured = measure(left, right, sampleRate);
    return { left, right, sampleRate, normalizationGainDb: 0, preLufs: null, ...measured, passes: 0 };
  }
  const limiter = limiterFor(snapshot.master);
  const limiterLatency = limiter ? new TruePeakLimiter({ ...limiter, sampleRate: outRate }).latencyFrames : 0;
  const frames = Math.round(durationSec * outRate);
  // The chain's output runs on past the end by the limiter's lookahead (plus the resampler's reach).
  const extraSec = (limiterLatency + 64) / outRate;
  const progress = options.onProgress;
  const pre = renderMix({ ...options, durationSec: durationSec + extraSec, master: 'pre', onProgress: progress && ((f) => progress(f * 0.8)) });
  const [left, right] = outRate === sampleRate ? [pre.left, pre.right] : resampleStereo([pre.left, pre.right], sampleRate, outRate);
  const preLufs = integrated(left, right, frames, outRate);
  let gainDb = loudness !== null && Number.isFinite(preLufs) ? loudness - preLufs : 0;
  const endFrame = Math.round(mixLengthSec(snapshot, stems, sampleRate) * outRate);
  const startFrame = Math.round(startSec * outRate);
  let result = finish(snapshot, [left, right], frames, gainDb, outRate, startFrame, endFrame);
  let passes = 1;
  while (loudness !== null && Number.isFinite(result.integratedLufs) && Math.abs(result.integratedLufs - loudness) > LANDING_LU && passes < MAX_PASSES) {
    gainDb += loudness - result.integratedLufs;
    result = finish(snapshot, [left, right], frames, gainDb, outRate, startFrame, endFrame);
    passes++;
  }
  progress?.(1);
  return { ...result, sampleRate: outRate, normalizationGainDb: gainDb, preLufs: Number.isFinite(preLufs) ? preLufs : null, passes };
}

/**
 * The master section after the normalisation point, in the operation order of MasterSection:
 * x gain, limiter, fades. `pre` holds the chain's output from `startFrame` on; the limiter's
 * delay is taken off, so output frame n is timeline frame startFrame + n.
 */
function finish(
  snapshot: MixSnapshot,
  pre: [Float32Array, Float32Array],
  frames: number,
  gainDb: Decibels,
  sampleRate: Hertz,
  startFrame: number,
  endFrame: number,
): { left: Float32Array; right: Float32Array; integratedLufs: Lufs; truePeakDbtp: Decibels } {
  const settings = limiterFor(snapshot.master);
  const limiter = settings ? new TruePeakLimiter({ ...settings, sampleRate, channels: 2 }) : null;
  const delay = limiter ? limiter.latencyFrames : 0;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const block: [Float32Array, Float32Array] = [new Float32Array(RENDER_BLOCK_FRAMES), new Float32Array(RENDER_BLOCK_FRAMES)];
  const g = dbToGain(gainDb);
  const none = new Float64Array(0);
  const total = Math.min(frames + delay, pre[0].length);
  for (let at = 0; at < total; at += RENDER_BLOCK_FRAMES) {
    const n = Math.min(RENDER_BLOCK_FRAMES, total - at);
    block[0].set(pre[0].subarray(at, at + n));
    block[1].set(pre[1].subarray(at, at + n));
    if (g !== 1) for (let c = 0; c < 2; c++) scaleBy(block[c], g, none, n);
    limiter?.process(block, block, n);
    const outAt = at - delay;
    applyFades(block, n, startFrame + outAt, snapshot.master.fadeIn, snapshot.master.fadeOut, endFrame, sampleRate);
    for (let i = 0; i < n; i++) {
      const o = outAt + i;
      if (o < 0 || o >= frames) continue;
      left[o] = block[0][i];
      right[o] = block[1][i];
    }
  }
  return { left, right, ...measure(left, right, sampleRate) };
}

function measure(left: Float32Array, right: Float32Array, sampleRate: Hertz): { integratedLufs: Lufs; truePeakDbtp: Decibels } {
  const meter = new LoudnessMeter({ sampleRate, channels: 2 });
  meter.process([left, right], left.length);
  return { integratedLufs: meter.integrated, truePeakDbtp: meter.truePeak };
}

function integrated(left: Float32Array, right: Float32Array, frames: number, sampleRate: Hertz): Lufs {
  const meter = new LoudnessMeter({ sampleRate, channels: 2, truePeak: false });
  meter.process([left, right], Math.min(frames, left.length));
  return meter.integrated;
}
