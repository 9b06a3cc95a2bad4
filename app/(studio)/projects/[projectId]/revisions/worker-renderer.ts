import { runExportWorker } from '../export/export-mix';
import type { RevisionRenderer } from './publish-flow';

/**
 * Renders a revision in the export Web Worker with the options the server's provenance assumes
 * (server/revisions: `wav24`, `master` for a master), as `mixroom publish` does in Node. The
 * worker hashes the stems it fetched and the snapshot it was given, so the provenance it writes
 * is the revision's exactly when it rendered what the revision holds.
 */
export const renderRevisionInWorker: RevisionRenderer = async (request, onProgress, signal) => {
  const done = await runExportWorker(
    { type: 'render', mix: request.mix, stems: request.stems.map((s) => ({ id: s.id, audioUrl: s.audioUrl })), format: 'wav24', master: request.kind === 'master' },
    onProgress,
    signal,
  );
  return { bytes: new Uint8Array(done.bytes), provenance: done.provenance };
};
