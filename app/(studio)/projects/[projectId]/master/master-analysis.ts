import { MASTERING_TARGETS, platformPlayback, type PlatformPlayback } from '../../../../../lib/audio/mastering-targets';
import type { QcItem } from '../../../../../lib/audio/quality-control';
import { readWav } from '../../../../../lib/audio/wav';
import type { MixSnapshot } from '../../../../../lib/doc';
import { StoreBase } from '../common/store';
import { ExportCancelled, exportCommand, type ExportDone, type ExportProgress, runExportWorker } from '../export/export-mix';

/** What the last full analysis of the master found: a render of it, measured. */
export interface MasterMeasurement {
  integratedLufs: number;
  truePeakDbtp: number;
  /** The normalisation gain the render applied (the worklet's live estimate). */
  normalizationGainDb: number;
  qc: QcItem[];
  /** The mix it rendered, to tell when it no longer describes the live mix. */
  mix: MixSnapshot;
  /** Where it came from: an analysis, or an export of the master. */
  source: 'analysis' | 'export';
  /** The rendered master itself (an analysis keeps it: the codec preview encodes a region of it). */
  pcm: { sampleRate: number; channels: [Float32Array, Float32Array] } | null;
  at: number;
}

export interface MasterAnalysisState {
  running: boolean;
  progress: ExportProgress | null;
  error: string | null;
  last: MasterMeasurement | null;
}

/** What each platform would do to the measured master ("Spotify: -2.1 dB, ceiling holds"). */
export function platformTable(m: Pick<MasterMeasurement, 'integratedLufs' | 'truePeakDbtp'>): PlatformPlayback[] {
  return Object.values(MASTERING_TARGETS).map((t) => platformPlayback(t, Number.isFinite(m.integratedLufs) ? m.integratedLufs : null, m.truePeakDbtp));
}

/**
 * The last full analysis of the master: a render of the live master (with its target's
 * normalisation, as an export would) in the export worker, measured. Run on demand, after a
 * target change, and taken from every master export. Its normalisation gain becomes the worklet's
 * live estimate (`onGain`), so what is heard is what the render will be.
 */
export class MasterAnalysis extends StoreBase<MasterAnalysisState> {
  private abort: AbortController | null = null;
  private destroyed = false;
  /** The analysis started last. */
  private latest: Promise<void> | undefined;

  constructor(private readonly onGain: (gainDb: number) => void) {
    super({ running: false, progress: null, error: null, last: null });
  }

  /**
   * Analyses `mix` now (a running analysis is cancelled first). The promise settles when an
   * analysis is recorded: should a later `run` cancel this one (a target change while the codec
   * preview waits for its render), it follows that one, so a caller never wakes to nothing.
   */
  run(mix: MixSnapshot): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.setSnapshot({ ...this.snapshot, running: true, progress: { phase: 'fetching', fraction: 0 }, error: null });
    const job: Promise<void> = runExportWorker(exportCommand(mix, { master: true, format: 'f32' }), (progress) => this.setSnapshot({ ...this.snapshot, progress }), abort.signal).then<void, void>(
      (done) => {
        if (this.abort === abort) this.abort = null;
        this.record(done, mix, 'analysis');
      },
      (err: unknown) => {
        if (this.destroyed) return;
        if (err instanceof ExportCancelled) return this.latest !== job ? this.latest : undefined;
        this.setSnapshot({ ...this.snapshot, running: false, progress: null, error: err instanceof Error ? err.message : String(err) });
      },
    );
    this.latest = job;
    return job;
  }

  /** Takes the measurement of a finished master render (an analysis or an export). */
  record(
    done: Pick<ExportDone, 'integratedLufs' | 'truePeakDbtp' | 'normalizationGainDb' | 'qc'> & Partial<Pick<ExportDone, 'bytes'>>,
    mix: MixSnapshot,
    source: MasterMeasurement['source'],
  ): void {
    if (this.destroyed) return;
    // An export keeps the analysed render of the same mix (the codec preview and the references'
    // spectrum use it): otherwise every export would start another analysis.
    let pcm: MasterMeasurement['pcm'] = this.snapshot.last?.mix === mix ? this.snapshot.last.pcm : null;
    if (source === 'analysis' && done.bytes) {
      const wav = readWav(new Uint8Array(done.bytes));
      if (wav.channels.length === 2) pcm = { sampleRate: wav.sampleRate, channels: [wav.channels[0], wav.channels[1]] };
    }
    const last: MasterMeasurement = {
      integratedLufs: done.integratedLufs,
      truePeakDbtp: done.truePeakDbtp,
      normalizationGainDb: done.normalizationGainDb ?? 0,
      qc: done.qc,
      mix,
      source,
      pcm,
      at: Date.now(),
    };
    this.setSnapshot({ running: this.abort !== null, progress: this.abort ? this.snapshot.progress : null, error: null, last });
    this.onGain(last.normalizationGainDb);
  }

  destroy(): void {
    this.destroyed = true;
    this.abort?.abort();
    this.closeStore();
  }
}
