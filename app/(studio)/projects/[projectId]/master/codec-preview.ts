import { resampleStereo } from '../../../../../lib/audio/resample-stereo';
import { LoudnessMeter } from '../../../../../lib/dsp/loudness-meter';
import type { MixSnapshot } from '../../../../../lib/doc';
import { StoreBase } from '../common/store';
import { ExportCancelled, runCodecWorker } from '../export/export-mix';
import type { Playback } from '../transport/playback';
import type { MasterAnalysis } from './master-analysis';

/** The bit rates the codec preview offers: the usual streaming floor and the MP3 ceiling. */
export const PREVIEW_BITRATES = [128, 320] as const;
export type PreviewBitrate = (typeof PREVIEW_BITRATES)[number];

/** Without a loop region the preview takes this much from the playhead. */
export const DEFAULT_PREVIEW_SEC = 20;
/** The longest preview (encoding time grows with it). */
export const MAX_PREVIEW_SEC = 60;
/** How far the decoded file may lag the source (encoder and decoder delay, in frames). */
const MAX_LAG = 4096;
const ALIGN_WINDOW = 8192;

export interface CodecPreviewState {
  status: 'idle' | 'preparing' | 'ready' | 'error';
  /** What the preparation is doing, or why it failed. */
  message: string | null;
  bitrate: PreviewBitrate;
  /** The region encoded, in seconds, and the decoded file's true peak (codec overs). */
  region: { startSec: number; endSec: number } | null;
  truePeakDbtp: number | null;
}

/**
 * The frame lag of `decoded` behind `source` (encoder and decoder delay): the shift in 0..MAX_LAG
 * with the largest correlation over a window where the source has signal.
 */
export function alignmentLag(source: Float32Array, decoded: Float32Array): number {
  let start = 0;
  let best = -1;
  // The loudest window start of a few candidates: silence aligns with anything.
  for (let at = 0; at + ALIGN_WINDOW < source.length; at += ALIGN_WINDOW) {
    let e = 0;
    for (let i = at; i < at + ALIGN_WINDOW; i++) e += source[i] * source[i];
    if (e > best) {
      best = e;
      start = at;
    }
    if (at > 8 * ALIGN_WINDOW) break;
  }
  let lag = 0;
  let max = -Infinity;
  const n = Math.min(ALIGN_WINDOW, source.length - start);
  for (let d = 0; d <= MAX_LAG; d++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const j = start + i + d;
      if (j >= decoded.length) break;
      sum += source[start + i] * decoded[j];
    }
    if (sum > max) {
      max = sum;
      lag = d;
    }
  }
  return lag;
}

/** The region the codec preview encodes, and where it plays. */
export interface PreviewRegion {
  /** The region at the master's own rate: what the encoder gets (an MP3 of that delivery). */
  source: [Float32Array, Float32Array];
  /** Its left channel at the playback rate: what the decoded file is aligned against. */
  reference: Float32Array;
  /** Where it starts on the timeline and how long it is, in playback frames. */
  startFrame: number;
  frames: number;
}

/**
 * A region of the rendered master for the codec preview. A target that delivers at another rate
 * than the project plays at (CD: 44.1 kHz in a 48 kHz project) is encoded at its own rate, as its
 * delivery would be, and heard at the playback rate (the browser's decoder resamples to the
 * context's rate; the reference is resampled here to match).
 */
export function previewRegion(pcm: { sampleRate: number; channels: [Float32Array, Float32Array] }, playbackRate: number, startSec: number, endSec: number): PreviewRegion {
  const rate = pcm.sampleRate;
  const from = Math.round(startSec * rate);
  const to = Math.round(endSec * rate);
  const source: [Float32Array, Float32Array] = [pcm.channels[0].slice(from, to), pcm.channels[1].slice(from, to)];
  const reference = rate === playbackRate ? source[0].slice() : resampleStereo(source, rate, playbackRate)[0];
  return { source, reference, startFrame: Math.round(startSec * playbackRate), frames: reference.length };
}

/**
 * The codec preview: a region of the master (the loop region, or 20 s from the playhead) as the
 * last analysis rendered it, through the MP3 encoder of the exports (in the export worker) and the
 * browser's MP3 decoder, aligned to the timeline and handed to the worklet; the monitor's `codec`
 * side plays it in place of the master, switched like the A/B. Only what this page hears changes.
 */
export class CodecPreview extends StoreBase<CodecPreviewState> {
  private abort: AbortController | null = null;
  private destroyed = false;

  constructor(
    private readonly playback: Playback,
    private readonly analysis: MasterAnalysis,
  ) {
    super({ status: 'idle', message: null, bitrate: 320, region: null, truePeakDbtp: null });
  }

  async prepare(mix: MixSnapshot, bitrate: PreviewBitrate): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const set = (patch: Partial<CodecPreviewState>) => !this.destroyed && this.abort === abort && this.setSnapshot({ ...this.snapshot, ...patch });
    set({ status: 'preparing', message: 'Rendering the master…', bitrate, region: null, truePeakDbtp: null });
    try {
      let last = this.analysis.snapshot.last;
      if (!last || last.mix !== mix || !last.pcm) {
        await this.analysis.run(mix);
        last = this.analysis.snapshot.last;
      }
      if (abort.signal.aborted) return;
      if (!last?.pcm) throw new Error(this.analysis.snapshot.error ?? 'the master could not be rendered');
      const { pcm } = last;
      const rate = pcm.sampleRate;
      const { loop, looping } = this.playback.snapshot;
      const startSec = looping && loop ? loop.startSec : this.playback.positionSec();
      const endSec = Math.min(looping && loop ? loop.endSec : startSec + DEFAULT_PREVIEW_SEC, startSec + MAX_PREVIEW_SEC, pcm.channels[0].length / rate);
      if (endSec - startSec < 0.5) throw new Error('the region is too short: set a loop region, or move the playhead before the end');
      const region = previewRegion(pcm, this.playback.sampleRate, startSec, endSec);
      set({ message: `Encoding MP3 ${bitrate} kbps…` });
      const bytes = await runCodecWorker({ type: 'codec', channels: region.source, sampleRate: rate, bitrate }, abort.signal);
      set({ message: 'Decoding…' });
      // At the context's rate, the playback rate.
      const decoded = await this.playback.decode(bytes);
      const lag = alignmentLag(region.reference, decoded[0]);
      const channels: [Float32Array, Float32Array] = [decoded[0].slice(lag, lag + region.frames), decoded[1].slice(lag, lag + region.frames)];
      const meter = new LoudnessMeter({ sampleRate: this.playback.sampleRate, channels: 2 });
      meter.process(channels, channels[0].length);
      if (abort.signal.aborted) return;
      this.playback.setPreview({ startFrame: region.startFrame, channels });
      set({ status: 'ready', message: null, region: { startSec, endSec }, truePeakDbtp: meter.truePeak });
      this.playback.setMonitor({ source: 'codec' });
    } catch (err) {
      if (err instanceof ExportCancelled || abort.signal.aborted) return;
      set({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.abort?.abort();
    this.closeStore();
  }
}
