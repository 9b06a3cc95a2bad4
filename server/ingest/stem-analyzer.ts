import { LoudnessMeter, SignalStats, gainToDb } from '../../lib/dsp';
import type { StemAnalysis } from './ingest-options';

/**
 * Sample peak, DC offset and clipping are measured on the decoded source samples (resampling
 * turns a clipped flat top into ringing, so clipping counts only mean something there); the
 * integrated loudness and the true peak on the canonical copy, which is what plays. When no
 * resampling happens the two are the same samples.
 */
export class StemAnalyzer {
  private readonly stats: SignalStats;
  private readonly meter: LoudnessMeter;

  constructor(
    readonly channels: number,
    readonly sampleRate: number,
  ) {
    this.stats = new SignalStats({ channels });
    this.meter = new LoudnessMeter({ sampleRate, channels, truePeak: true });
  }

  source(planes: ReadonlyArray<Float32Array>, frames: number): void {
    this.stats.process(planes, frames);
  }

  canonical(planes: ReadonlyArray<Float32Array>, frames: number): void {
    this.meter.process(planes, frames);
  }

  result(frames: number, nonFiniteSamples: number): StemAnalysis {
    const { stats, meter, channels } = this;
    const perChannel = <T>(f: (ch: number) => T) => Array.from({ length: channels }, (_, ch) => f(ch));
    const peaks = perChannel((ch) => stats.samplePeak(ch));
    const integrated = meter.integrated;
    return {
      sampleRate: this.sampleRate,
      channels,
      frames,
      durationSec: frames / this.sampleRate,
      samplePeakDbfs: gainToDb(Math.max(...peaks)),
      samplePeakDbfsPerChannel: peaks.map(gainToDb),
      truePeakDbtp: meter.truePeak,
      integratedLufs: Number.isFinite(integrated) ? integrated : null,
      dcOffset: perChannel((ch) => stats.dcOffset(ch)),
      clippedSamples: stats.totalClippedSamples,
      clippedSamplesPerChannel: perChannel((ch) => stats.clippedSamples(ch)),
      nonFiniteSamples,
    };
  }
}
