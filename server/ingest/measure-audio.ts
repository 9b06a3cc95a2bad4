import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MASTERING_TARGETS, platformPlayback, qualityReport, type PlatformPlayback, type QcItem, type QualityContext } from '../../lib/audio';
import { ProgramAnalyzer, type Over } from '../../lib/dsp';
import type { AudioFormat } from './ingest-options';
import { openAudioSource } from './open-audio-source';
import { WaveformPeaks } from './waveform-peaks';

export type TargetId = keyof typeof MASTERING_TARGETS;

export interface MeasureOptions {
  /** Include the platform check for this preset. */
  target?: TargetId;
  /** Include short-term loudness every 100 ms. */
  series?: boolean;
  /** What the quality report checks besides the file itself (a master's target and ceiling). @default { target } */
  quality?: QualityContext;
  /** Write waveform peaks (peaks.json, waveform-peaks.ts) here while measuring. */
  peaksPath?: string;
  /** Folder for the temporary spool some decoders need. @default the system's temporary folder */
  spoolDir?: string;
}

/** Loudness, levels and the quality report of one file (`mixroom analyze --json` adds `file`). Loudness no block reached is null. */
export interface AudioReport {
  format: AudioFormat;
  sampleRate: number;
  channels: number;
  durationSec: number;
  integratedLufs: number | null;
  loudnessRangeLu: number;
  truePeakDbtp: number;
  samplePeakDbfs: number;
  momentaryMaxLufs: number | null;
  shortTermMaxLufs: number | null;
  dcOffset: number[];
  phaseCorrelation: number | null;
  monoSumLossLu: number | null;
  headSilenceSec: number;
  tailSilenceSec: number;
  clippedSamples: number;
  overCount: number;
  overs: Over[];
  qc: QcItem[];
  platform?: PlatformPlayback;
  series?: { intervalSec: number; shortTermLufs: Array<number | null> };
}

/**
 * Limits for whole programmes (masters, references, up to 7.1 and 12 hours): wider than for stems,
 * still checked against the declared sizes before anything is allocated.
 */
export const PROGRAMME_LIMITS = { maxChannels: 8, maxDurationSec: 12 * 3600, maxDecodedSamples: 2 ** 34 };

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Decodes one file with the ingest decoders (WAV, AIFF, FLAC, MP3) and measures it in one streaming pass. */
export async function measureAudio(file: string, options: MeasureOptions = {}): Promise<AudioReport> {
  const spoolDir = await fs.mkdtemp(path.join(options.spoolDir ?? os.tmpdir(), 'mixroom-measure-'));
  try {
    const source = await openAudioSource(file, { limits: PROGRAMME_LIMITS, spoolDir });
    try {
      const { sampleRate, channels, format } = source.info;
      const analyzer = new ProgramAnalyzer({ sampleRate, channels, series: options.series === true });
      const peaks = options.peaksPath ? new WaveformPeaks(channels, sampleRate, source.info.frames as number) : undefined;
      for await (const block of source.blocks()) {
        analyzer.process(block, block[0].length);
        peaks?.process(block, block[0].length);
      }
      if (peaks) await peaks.write(options.peaksPath!);
      const m = analyzer.result();
      const target = options.target ? MASTERING_TARGETS[options.target] : null;
      const report: AudioReport = {
        format,
        sampleRate,
        channels,
        durationSec: m.durationSec,
        integratedLufs: finite(m.integratedLufs),
        loudnessRangeLu: m.loudnessRangeLu,
        truePeakDbtp: m.truePeakDbtp,
        samplePeakDbfs: m.samplePeakDbfs,
        momentaryMaxLufs: finite(m.momentaryMaxLufs),
        shortTermMaxLufs: finite(m.shortTermMaxLufs),
        dcOffset: m.dcOffset,
        phaseCorrelation: m.phaseCorrelation,
        monoSumLossLu: m.monoSumLossLu === null ? null : finite(m.monoSumLossLu),
        headSilenceSec: m.headSilenceSec,
        tailSilenceSec: m.tailSilenceSec,
        clippedSamples: m.clippedSamples,
        overCount: m.overCount,
        overs: m.overs,
        qc: qualityReport(m, options.quality ?? { target }),
      };
      if (target) report.platform = platformPlayback(target, finite(m.integratedLufs), m.truePeakDbtp);
      if (m.shortTermSeries) report.series = { intervalSec: 0.1, shortTermLufs: m.shortTermSeries.map(finite) };
      return report;
    } finally {
      await source.close();
    }
  } finally {
    await fs.rm(spoolDir, { recursive: true, force: true });
  }
}
