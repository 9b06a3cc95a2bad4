import type { Frozen } from '../doc/read-mix';
import type { CompData, EqData, FadeData, MasterCompData, MasterData } from '../doc/types';
import {
  BIQUAD_COEFFICIENT_COUNT, biquadCoefficients, biquadMagnitude, BUTTERWORTH_4_Q, Biquad, Compressor, dbToGain, designLinearPhaseFir,
  fadeGain, FIR_PARTITION_FRAMES, FirConvolver, MidSideWidth, TruePeakLimiter, type GainFactor, type Hertz, type TruePeakLimiterOptions,
} from '../dsp';
import { scaleBy } from './block-ops';
import { GainRamp } from './gain-ramp';
import { Insert, type InsertProcessor } from './insert';
import { applyComp, InsertChain } from './insert-chain';
import { resolveTarget } from './mastering-targets';

/** How much of the master section runs. */
export const MASTER_MODES = {
  /** None: the plain sum of the mix (a mix render). */
  off: 'off',
  /** Input gain, EQ, glue compressor, width: what loudness normalisation measures. */
  pre: 'pre',
  /** All of it: then the normalisation gain, the limiter and the fades. */
  full: 'full',
} as const;
export type MasterMode = (typeof MASTER_MODES)[keyof typeof MASTER_MODES];

/** Taps of the linear-phase EQ: 42.7 ms of delay at 48 kHz, resolution about 47 Hz (see designLinearPhaseFir). */
export const LINEAR_PHASE_TAPS = 4095;

const COMP_OFF: CompData = { on: false, thresholdDb: -18, ratio: 2, attackMs: 10, releaseMs: 100, kneeDb: 6, makeupDb: 0 };
const SHELVES_AND_PEAKS = [['lowShelf', 'lowshelf'], ['peak1', 'peaking'], ['peak2', 'peaking'], ['highShelf', 'highshelf']] as const;

/** The magnitude of the master EQ at `frequency` as the minimum-phase chain would filter (the linear-phase design target). */
export function eqMagnitude(eq: Frozen<EqData>, frequency: Hertz, sampleRate: Hertz): GainFactor {
  const c = new Float64Array(BIQUAD_COEFFICIENT_COUNT);
  const top = Math.min(22000, 0.49 * sampleRate);
  let m = 1;
  for (const [band, type] of [[eq.highpass, 'highpass'], [eq.lowpass, 'lowpass']] as const) {
    if (!band.on) continue;
    const f = Math.min(top, band.freqHz);
    const qs = band.slope === 24 ? BUTTERWORTH_4_Q : [Math.SQRT1_2];
    for (const q of qs) {
      biquadCoefficients(type, f, q, 0, sampleRate, c);
      m *= biquadMagnitude(c, frequency, sampleRate);
    }
  }
  for (const [name, type] of SHELVES_AND_PEAKS) {
    const band = eq[name];
    if (!band.on || band.gainDb === 0) continue;
    biquadCoefficients(type, Math.min(top, band.freqHz), band.q, band.gainDb, sampleRate, c);
    m *= biquadMagnitude(c, frequency, sampleRate);
  }
  return m;
}

/**
 * The limiter a master needs (SPEC L16): on with `limiter.on` or a target with a ceiling, at the
 * lower of the two ceilings; null when neither.
 */
export function limiterFor(master: Frozen<MasterData>): TruePeakLimiterSettings | null {
  const target = resolveTarget(master);
  const ceilingDbtp = Math.min(master.limiter.on ? master.limiter.ceilingDbtp : Infinity, target?.ceilingDbtp ?? Infinity);
  if (ceilingDbtp === Infinity) return null;
  return { ceilingDbtp, releaseMs: master.limiter.releaseMs, lookaheadMs: master.limiter.lookaheadMs };
}

export type TruePeakLimiterSettings = Pick<TruePeakLimiterOptions, 'ceilingDbtp' | 'releaseMs' | 'lookaheadMs'>;

function eqActive(eq: Frozen<EqData>): boolean {
  return eq.highpass.on || eq.lowpass.on || SHELVES_AND_PEAKS.some(([name]) => eq[name].on && eq[name].gainDb !== 0);
}

/** The strip compressor, stereo-linked, its detector fed through an optional high-pass. */
class GlueCompressor implements InsertProcessor {
  readonly compressor: Compressor;
  readonly sidechainFilter: Biquad;
  sidechainHp = false;
  private readonly sidechain: [Float32Array, Float32Array];

  constructor(sampleRate: number, blockSize: number) {
    this.compressor = new Compressor({ sampleRate, channels: 2, link: true });
    this.sidechainFilter = new Biquad({ type: 'highpass', frequency: 100, q: Math.SQRT1_2, channels: 2, sampleRate });
    this.sidechain = [new Float32Array(blockSize), new Float32Array(blockSize)];
  }

  reset(): void {
    this.compressor.reset();
    this.sidechainFilter.reset();
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    if (!this.sidechainHp) return this.compressor.process(inputs, outputs, frames);
    this.sidechainFilter.process(inputs, this.sidechain, frames);
    this.compressor.process(inputs, outputs, frames, this.sidechain);
  }
}

/**
 * The master chain, after the mix bus: input gain -> EQ (biquads, or one linear-phase FIR) ->
 * glue compressor -> mid/side width with mono bass -> [pad delay] -> normalisation gain ->
 * true-peak limiter -> fades. At the document's defaults every stage is bypassed and the
 * samples pass unchanged. Latency (FIR, limiter) is reported rounded up to whole blocks, the
 * remainder made up by the pad delay, so that the engine can run the mix that much ahead and keep
 * its block grid. Signal flow and operation order: README.md "Master chain".
 */
export class MasterSection {
  readonly mode: MasterMode;
  private readonly sampleRate: number;
  private readonly blockSize: number;
  private readonly inputGain: GainRamp;
  private readonly eq: InsertChain;
  private readonly fir: FirConvolver;
  private firOn = false;
  private firDesign = '';
  private readonly glue: Insert<GlueCompressor>;
  private readonly width: Insert<MidSideWidth>;
  private readonly normalization: GainRamp;
  private normalizationDb = 0;
  private targetHasLoudness = false;
  private limiter: TruePeakLimiter | null = null;
  private limiterOn = false;
  private fadeIn: Frozen<FadeData> = { durationSec: 0, curve: 'equal_power' };
  private fadeOut: Frozen<FadeData> = { durationSec: 0, curve: 'equal_power' };
  /** Timeline frame where the mix ends (fade-out end). */
  private endFrame = 0;
  private readonly pad: [Float32Array, Float32Array];
  private padFrames = 0;
  private padPosition = 0;
  private latency = 0;
  /** Set when the latency changed since the last `reset`: the engine must start over (a seek). */
  latencyChanged = false;

  constructor(sampleRate: number, blockSize: number, mode: MasterMode) {
    this.mode = mode;
    this.sampleRate = sampleRate;
    this.blockSize = blockSize;
    this.inputGain = new GainRamp(1, blockSize);
    this.eq = new InsertChain(sampleRate, blockSize);
    this.fir = new FirConvolver({ maxTaps: LINEAR_PHASE_TAPS, channels: 2 });
    this.glue = new Insert(new GlueCompressor(sampleRate, blockSize), blockSize);
    this.width = new Insert(new MidSideWidth({ sampleRate, maxBlockFrames: blockSize }), blockSize);
    this.normalization = new GainRamp(1, blockSize);
    this.pad = [new Float32Array(blockSize), new Float32Array(blockSize)];
  }

  /** Frames the output lags the input: a multiple of the block size. */
  get latencyFrames(): number {
    return this.latency;
  }

  /** Limiter gain change of the last sample, in dB (0 or negative; 0 when the limiter is out). */
  get limiterGainReduction(): number {
    return this.limiterOn && this.limiter ? this.limiter.gainReduction : 0;
  }

  /** Glue compressor gain change, in dB (0 or negative). */
  get compGainReduction(): number {
    return this.glue.active ? this.glue.processor.compressor.gainReduction : 0;
  }

  update(master: Frozen<MasterData>, endFrame: number): void {
    if (this.mode === 'off') return;
    this.inputGain.target = dbToGain(master.inputGainDb);
    const linear = master.eqMode === 'linear_phase';
    const firOn = linear && eqActive(master.eq);
    if (firOn) {
      const design = JSON.stringify(master.eq);
      if (design !== this.firDesign || !this.firOn) {
        this.fir.setKernel(designLinearPhaseFir((f) => eqMagnitude(master.eq, f, this.sampleRate), LINEAR_PHASE_TAPS, this.sampleRate));
        this.firDesign = design;
      }
    }
    this.firOn = firOn;
    this.eq.update(linear ? EQ_OFF : master.eq, COMP_OFF);
    this.updateGlue(master.comp);
    this.width.setEnabled(master.width !== 1 || master.monoBass.on);
    const ms = this.width.processor;
    ms.width = master.width;
    ms.monoBass = master.monoBass.on;
    if (ms.monoBelowHz !== master.monoBass.freqHz) ms.monoBelowHz = master.monoBass.freqHz;

    const target = resolveTarget(master);
    this.targetHasLoudness = target !== null && target.integratedLufs !== null;
    this.normalization.target = this.targetHasLoudness ? dbToGain(this.normalizationDb) : 1;
    const limiter = this.mode === 'full' ? limiterFor(master) : null;
    this.limiterOn = limiter !== null;
    if (limiter) {
      if (!this.limiter || this.limiter.lookaheadMs !== limiter.lookaheadMs) this.limiter = new TruePeakLimiter({ sampleRate: this.sampleRate, channels: 2, lookaheadMs: limiter.lookaheadMs });
      this.limiter.ceilingDbtp = limiter.ceilingDbtp;
      this.limiter.releaseMs = limiter.releaseMs;
    }
    this.fadeIn = master.fadeIn;
    this.fadeOut = master.fadeOut;
    this.endFrame = endFrame;

    const chain = (this.firOn ? FIR_PARTITION_FRAMES + (LINEAR_PHASE_TAPS - 1) / 2 : 0) + (this.limiterOn && this.limiter ? this.limiter.latencyFrames : 0);
    const latency = Math.ceil(chain / this.blockSize) * this.blockSize;
    if (latency !== this.latency) this.latencyChanged = true;
    this.latency = latency;
    this.padFrames = latency - chain;
  }

  /** The normalisation gain, used while the target has a loudness (the live estimate, or a render's measured gain). */
  setNormalizationGainDb(db: number): void {
    this.normalizationDb = db;
    this.normalization.target = this.targetHasLoudness ? dbToGain(db) : 1;
  }

  /** Jumps every ramp and switch to its target. */
  settle(): void {
    this.inputGain.settle();
    this.eq.settle();
    this.glue.settle();
    this.width.settle();
    this.width.processor.settle();
    this.normalization.settle();
  }

  /** Clears all state (a seek); the latency in force is then the current one. */
  reset(): void {
    this.eq.reset();
    this.fir.reset();
    this.glue.processor.reset();
    this.width.processor.reset();
    this.limiter?.reset();
    this.pad[0].fill(0);
    this.pad[1].fill(0);
    this.padPosition = 0;
    this.latencyChanged = false;
  }

  /** Processes one block in place. `outputFrame` is the timeline frame of its first output sample (for the fades). */
  process(bufs: [Float32Array, Float32Array], frames: number, outputFrame: number): void {
    if (this.mode === 'off') return;
    const gain = this.inputGain.next(frames);
    if (gain !== 1) for (let c = 0; c < 2; c++) scaleBy(bufs[c], gain, this.inputGain.values, frames);
    if (this.firOn) this.fir.process(bufs, bufs, frames);
    this.eq.processStrip(bufs, frames);
    this.glue.process(bufs, frames);
    this.width.process(bufs, frames);
    if (this.padFrames > 0) this.delayByPad(bufs, frames);
    if (this.mode === 'pre') return;
    const norm = this.normalization.next(frames);
    if (norm !== 1) for (let c = 0; c < 2; c++) scaleBy(bufs[c], norm, this.normalization.values, frames);
    if (this.limiterOn && this.limiter) this.limiter.process(bufs, bufs, frames);
    applyFades(bufs, frames, outputFrame, this.fadeIn, this.fadeOut, this.endFrame, this.sampleRate);
  }

  private updateGlue(comp: Frozen<MasterCompData>): void {
    const glue = this.glue.processor;
    this.glue.setEnabled(comp.on);
    applyComp(glue.compressor, comp);
    glue.sidechainHp = comp.sidechainHpOn;
    if (glue.sidechainFilter.frequency !== comp.sidechainHpHz) glue.sidechainFilter.frequency = comp.sidechainHpHz;
  }

  /** A delay of `padFrames` (< blockSize) through a ring of blockSize frames. */
  private delayByPad(bufs: [Float32Array, Float32Array], frames: number): void {
    const size = this.blockSize;
    const delay = this.padFrames;
    for (let c = 0; c < 2; c++) {
      const ring = this.pad[c];
      const buf = bufs[c];
      let p = this.padPosition;
      for (let i = 0; i < frames; i++) {
        const read = p - delay < 0 ? p - delay + size : p - delay;
        const x = buf[i];
        buf[i] = ring[read];
        ring[p] = x;
        p = p + 1 === size ? 0 : p + 1;
      }
    }
    this.padPosition = (this.padPosition + frames) % size;
  }
}

const flatBand = { on: false, freqHz: 1000, gainDb: 0, q: 1 };
const EQ_OFF: EqData = {
  highpass: { on: false, freqHz: 80, slope: 12 },
  lowpass: { on: false, freqHz: 18000, slope: 12 },
  lowShelf: flatBand,
  peak1: flatBand,
  peak2: flatBand,
  highShelf: flatBand,
};

/**
 * Multiplies by the fade gains of timeline frames `outputFrame ..`: the fade-in from frame 0, the
 * fade-out ending at `endFrame` (silence after it). Frames outside both fades are not touched.
 */
export function applyFades(
  bufs: ReadonlyArray<Float32Array>,
  frames: number,
  outputFrame: number,
  fadeIn: Frozen<FadeData>,
  fadeOut: Frozen<FadeData>,
  endFrame: number,
  sampleRate: number,
): void {
  const inFrames = Math.round(fadeIn.durationSec * sampleRate);
  const outFrames = Math.round(fadeOut.durationSec * sampleRate);
  const outStart = endFrame - outFrames;
  if (outputFrame >= inFrames && (outFrames === 0 || outputFrame + frames <= outStart)) return;
  for (let i = 0; i < frames; i++) {
    const t = outputFrame + i;
    let g = 1;
    if (t < inFrames) g = fadeGain(fadeIn.curve, t / inFrames);
    if (outFrames > 0 && t >= outStart) g *= fadeGain(fadeOut.curve, (endFrame - t) / outFrames);
    if (g === 1) continue;
    for (let c = 0; c < bufs.length; c++) bufs[c][i] = bufs[c][i] * g;
  }
}
