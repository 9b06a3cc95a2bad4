import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MASTERING_TARGETS, platformPlayback, qualityReport, type PlatformPlayback, type QcItem } from '../../lib/audio';
import { ProgramAnalyzer, type Over } from '../../lib/dsp';
import { isAppError } from '../../lib/errors';
import type { AudioFormat } from '../ingest/ingest-options';
import { openAudioSource } from '../ingest/open-audio-source';

export type TargetId = keyof typeof MASTERING_TARGETS;

export interface AnalyzeOptions {
  /** Include the platform check for this preset. */
  target?: TargetId;
  /** Include short-term loudness every 100 ms. */
  series: boolean;
}

/** The report of one file (`mixroom analyze --json`). Loudness that no block reached is null. */
export interface FileReport {
  file: string;
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

export interface FileError {
  file: string;
  error: string;
}

/**
 * Limits for files a user analyses: wider than for stems (whole masters, surround up to 7.1,
 * long programmes), still checked against the declared sizes before anything is allocated.
 */
const ANALYZE_LIMITS = { maxChannels: 8, maxDurationSec: 12 * 3600, maxDecodedSamples: 2 ** 34 };

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Decodes one file with the ingest decoders (WAV, AIFF, FLAC, MP3) and measures it in one streaming pass. */
export async function analyzeFile(file: string, options: AnalyzeOptions): Promise<FileReport> {
  const spoolDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mixroom-analyze-'));
  try {
    const source = await openAudioSource(file, { limits: ANALYZE_LIMITS, spoolDir });
    try {
      const { sampleRate, channels, format } = source.info;
      const analyzer = new ProgramAnalyzer({ sampleRate, channels, series: options.series });
      for await (const block of source.blocks()) analyzer.process(block, block[0].length);
      const m = analyzer.result();
      const target = options.target ? MASTERING_TARGETS[options.target] : null;
      const report: FileReport = {
        file,
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
        qc: qualityReport(m, { target }),
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

/** Analyses every file in turn; a file that fails becomes a `FileError` and the others go on. */
export async function analyzeFiles(files: readonly string[], options: AnalyzeOptions, progress: (line: string) => void): Promise<Array<FileReport | FileError>> {
  const results: Array<FileReport | FileError> = [];
  for (const file of files) {
    progress(`analysing ${file}`);
    try {
      results.push(await analyzeFile(file, options));
    } catch (err) {
      const reason = isAppError(err) ? err.userMessage : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
      results.push({ file, error: reason });
    }
  }
  return results;
}

const db = (x: number | null, unit: string, digits = 1) => (x === null ? '-inf' : `${x.toFixed(digits)} ${unit}`);

/** The human-readable form of a report (without --json). */
export function formatReport(r: FileReport | FileError): string {
  if ('error' in r) return `${r.file}: error: ${r.error}`;
  const lines = [
    `${r.file}: ${r.format}, ${r.sampleRate} Hz, ${r.channels} ch, ${r.durationSec.toFixed(2)} s`,
    `  integrated ${db(r.integratedLufs, 'LUFS')}, range ${r.loudnessRangeLu.toFixed(1)} LU, true peak ${r.truePeakDbtp.toFixed(2)} dBTP, sample peak ${r.samplePeakDbfs.toFixed(2)} dBFS`,
    `  momentary max ${db(r.momentaryMaxLufs, 'LUFS')}, short-term max ${db(r.shortTermMaxLufs, 'LUFS')}`,
  ];
  if (r.phaseCorrelation !== null) lines.push(`  phase correlation ${r.phaseCorrelation.toFixed(2)}, mono-sum loss ${db(r.monoSumLossLu, 'LU')}`);
  if (r.platform) {
    const p = r.platform;
    lines.push(`  ${p.label}: playback gain ${p.playbackGainDb.toFixed(1)} dB -> ${db(p.playbackLufs, 'LUFS')}, ceiling ${p.ceilingHeld ? 'held' : 'NOT held'}`);
  }
  for (const item of r.qc) lines.push(`  ${item.severity}: ${item.message}`);
  return lines.join('\n');
}
