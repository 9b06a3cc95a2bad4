import type { MixSnapshot } from '../../doc/read-mix';
import { ProgramAnalyzer, type Decibels, type Lufs, type ProgramMeasurement } from '../../dsp';
import { qualityReport, type QcItem, type QualityContext } from '../quality-control';
import { resolveTarget } from '../mastering-targets';
import { limiterFor } from '../master-section';
import { mixLengthSec } from '../mix-length';
import { renderMaster } from '../render-master';
import { renderMix } from '../render-mix';
import { encodeExport, type Encoders, type ExportFormat } from './encode-export';
import { ENGINE_VERSION, provenanceHash } from './provenance';

export interface ExportRequest {
  snapshot: MixSnapshot;
  /** Stem PCM by stem id, at the project rate. */
  stems: ReadonlyMap<string, ReadonlyArray<Float32Array>>;
  /** SHA-256 of each stem's canonical audio file, by stem id (provenance). */
  stemHashes: Readonly<Record<string, string>>;
  format: ExportFormat;
  /** MP3 bit rate in kbit/s. @default 320 */
  bitrate?: number;
  /** Render the master section (`renderMaster`) rather than the mix. @default false */
  master?: boolean;
  /** Render only this track through its strip, post-fader, for stem delivery. */
  trackId?: string;
  onProgress?: (fraction: number) => void;
}

export interface ExportResult {
  bytes: Uint8Array;
  frames: number;
  sampleRate: number;
  /** SHA-256 (hex) over the document state, stem hashes, engine version and options. */
  provenance: string;
  integratedLufs: Lufs;
  truePeakDbtp: Decibels;
  /** A master's normalisation gain (the worklet's live estimate afterwards); null for a mix or a stem. */
  normalizationGainDb: Decibels | null;
  /** The rendered audio measured (before encoding), and what the quality report was given. */
  measurement: ProgramMeasurement;
  qualityContext: QualityContext;
  /** The quality report of the render (qualityReport of the two above). */
  qc: QcItem[];
}

/** The options that go into the provenance hash, the same for the CLI and the export worker. */
export function exportOptions(request: Pick<ExportRequest, 'format' | 'bitrate' | 'master' | 'trackId'>): Record<string, unknown> {
  return { format: request.format, bitrate: request.format === 'mp3' ? (request.bitrate ?? 320) : undefined, master: request.master === true, trackId: request.trackId };
}

/**
 * A master encoded as MP3 is limited this much below the document's ceiling: the encoder adds
 * peaks (about 0.4 dB at 320 kbit/s, more at lower rates), and the file must still meet the
 * ceiling (Spotify's advice for lossy delivery is the same: -2 dBTP for a -1 dBTP master).
 */
export const LOSSY_CEILING_MARGIN_DB = 1;

/**
 * The snapshot a master export renders: for a lossy format, the ceiling the master is limited to
 * lowered by the margin, whether it is the limiter's own or the target's (SPEC L16: the lower of
 * the two). Lowering only the limiter's left a target's ceiling, with the limiter off, untouched.
 */
function masterSnapshot(snapshot: MixSnapshot, format: ExportFormat): MixSnapshot {
  const limiter = limiterFor(snapshot.master);
  if (format !== 'mp3' || !limiter) return snapshot;
  const ceilingDbtp = limiter.ceilingDbtp - LOSSY_CEILING_MARGIN_DB;
  return { ...snapshot, master: { ...snapshot.master, limiter: { ...snapshot.master.limiter, on: true, ceilingDbtp } } };
}

/** One track alone through its strip and fader to the output: no sends, buses or solo of others. */
function stemSnapshot(snapshot: MixSnapshot, trackId: string): MixSnapshot {
  const track = snapshot.tracks.find((t) => t.id === trackId);
  if (!track) throw new Error(`no track ${trackId}`);
  return { ...snapshot, tracks: [{ ...track, strip: { ...track.strip, solo: false, sends: {}, output: 'master' } }], buses: [] };
}

/**
 * Renders and encodes one export: the mix, the master, or one track's stem. The single code path
 * of `mixroom render` and the browser's export worker, so the same inputs give the same bytes.
 */
export async function renderExport(request: ExportRequest, encoders: Encoders): Promise<ExportResult> {
  const { snapshot, stems, onProgress } = request;
  const sampleRate = snapshot.meta.sampleRate;
  const provenance = await provenanceHash({ snapshot, stemHashes: request.stemHashes, options: exportOptions(request) });
  let channels: Float32Array[];
  let rate = sampleRate;
  let normalizationGainDb: Decibels | null = null;
  const qualityContext: QualityContext = {};
  if (request.master) {
    const master = renderMaster({ snapshot: masterSnapshot(snapshot, request.format), stems, sampleRate, onProgress });
    channels = [master.left, master.right];
    rate = master.sampleRate;
    normalizationGainDb = master.normalizationGainDb;
  } else {
    const durationSec = mixLengthSec(snapshot, stems, sampleRate);
    const source = request.trackId === undefined ? snapshot : stemSnapshot(snapshot, request.trackId);
    const mix = renderMix({ snapshot: source, stems, sampleRate, durationSec, onProgress, watchClipping: true });
    channels = [mix.left, mix.right];
    qualityContext.trackClips = (mix.preFaderClips ?? []).map((clip) => ({
      trackId: clip.trackId,
      name: snapshot.tracks.find((t) => t.id === clip.trackId)?.name ?? clip.trackId,
      peakDbfs: 20 * Math.log10(clip.peak),
      atSec: clip.firstOverFrame / sampleRate,
    }));
  }
  const analyzer = new ProgramAnalyzer({ sampleRate: rate, channels: 2 });
  analyzer.process(channels, channels[0].length);
  const measurement = analyzer.result();
  const target = request.master ? resolveTarget(snapshot.master) : null;
  if (request.master) {
    qualityContext.target = target;
    qualityContext.ceilingDbtp = snapshot.master.limiter.on ? snapshot.master.limiter.ceilingDbtp : null;
  }
  const record = JSON.stringify({ sha256: provenance, engine: ENGINE_VERSION });
  const bytes = await encodeExport(
    channels,
    rate,
    { format: request.format, bitrate: request.bitrate, flacBits: target?.bitDepth ?? 24, noiseShaping: snapshot.master.dither.noiseShaping, provenance: record },
    encoders,
  );
  return {
    bytes, frames: channels[0].length, sampleRate: rate, provenance, integratedLufs: measurement.integratedLufs, truePeakDbtp: measurement.truePeakDbtp,
    normalizationGainDb, measurement, qualityContext, qc: qualityReport(measurement, qualityContext),
  };
}
