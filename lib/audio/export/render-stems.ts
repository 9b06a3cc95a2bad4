import { FILE_EXTENSIONS, type Encoders } from './encode-export';
import { stemFileName } from './file-names';
import { renderExport, type ExportRequest, type ExportResult } from './render-export';

/** One track's stem, rendered and encoded. */
export interface RenderedStem {
  /** Its place among the tracks (0-based) and how many there are. */
  index: number;
  count: number;
  trackId: string;
  trackName: string;
  /** "01 Bass.wav": its place and name. */
  fileName: string;
  result: ExportResult;
}

export interface StemsRequest extends Omit<ExportRequest, 'trackId' | 'master' | 'onProgress'> {
  /** Progress within the stem of track `index` (0..1). */
  onProgress?: (fraction: number, track: { index: number; count: number; name: string }) => void;
}

/**
 * Renders every track alone through its strip, post-fader, each to its own file as long as the
 * mix (`renderExport` with `trackId`, so each file carries its own provenance), in track order:
 * the stems of `mixroom render --stems` and of the export dialog. `onStem` takes each file as it
 * is made (the CLI writes it, the export worker collects it), so only one is rendered at a time.
 */
export async function renderStems(request: StemsRequest, encoders: Encoders, onStem: (stem: RenderedStem) => void | Promise<void>): Promise<number> {
  const { onProgress, ...rest } = request;
  const tracks = request.snapshot.tracks;
  if (tracks.length === 0) throw new Error('the project has no tracks');
  for (const [index, track] of tracks.entries()) {
    const where = { index, count: tracks.length, name: track.name };
    const result = await renderExport({ ...rest, trackId: track.id, onProgress: onProgress && ((fraction) => onProgress(fraction, where)) }, encoders);
    await onStem({ index, count: tracks.length, trackId: track.id, trackName: track.name, fileName: stemFileName(index, track.name, FILE_EXTENSIONS[request.format]), result });
  }
  return tracks.length;
}
