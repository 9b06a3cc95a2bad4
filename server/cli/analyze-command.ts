import { isAppError } from '../../lib/errors';
import { measureAudio, type AudioReport, type MeasureOptions, type TargetId } from '../ingest/measure-audio';

export type { TargetId };

export type AnalyzeOptions = Pick<MeasureOptions, 'target' | 'series'>;

/** The report of one file (`mixroom analyze --json`). */
export type FileReport = { file: string } & AudioReport;

export interface FileError {
  file: string;
  error: string;
}

/** Measures one file (server/ingest/measure-audio.ts) and names it. */
export async function analyzeFile(file: string, options: AnalyzeOptions): Promise<FileReport> {
  return { file, ...(await measureAudio(file, options)) };
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
