'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { ExportCancelled, exportFileName, exportMix, type ExportProgress } from './export-mix';

type ExportState = { kind: 'idle' } | { kind: 'running'; progress: ExportProgress } | { kind: 'done'; url: string; name: string } | { kind: 'error'; message: string };

/** Overall share done: fetching the stems counts for a tenth, rendering for the rest. */
const overall = (p: ExportProgress) => (p.phase === 'fetching' ? p.fraction * 0.1 : 0.1 + p.fraction * 0.9);

/** "Export WAV": renders the mix in a Web Worker (24-bit WAV) with progress and cancel, then downloads it. */
export function ExportPanel() {
  const { projectName, model } = useStudio();
  const loaded = useStore(model, (s) => s.loaded);
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    if (state.kind !== 'done') return;
    linkRef.current?.click();
    return () => URL.revokeObjectURL(state.url);
  }, [state]);

  const start = () => {
    // The mix of the moment the export starts: edits made during an export do not change it.
    const { loaded, mix } = model.snapshot;
    if (!loaded) return;
    const abort = new AbortController();
    abortRef.current = abort;
    setState({ kind: 'running', progress: { phase: 'fetching', fraction: 0 } });
    exportMix(mix, (progress) => setState({ kind: 'running', progress }), abort.signal).then(
      (blob) => setState({ kind: 'done', url: URL.createObjectURL(blob), name: exportFileName(projectName) }),
      (err: unknown) => setState(err instanceof ExportCancelled ? { kind: 'idle' } : { kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  };

  if (state.kind === 'running') {
    const pct = Math.round(overall(state.progress) * 100);
    return (
      <div className="export export--running">
        <span className="export__label">{state.progress.phase === 'fetching' ? 'Fetching stems…' : 'Rendering…'}</span>
        <progress className="export__bar" aria-label="Export progress" max={100} value={pct}>
          {pct}%
        </progress>
        <span className="export__pct">{pct}%</span>
        <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
          Cancel export
        </Button>
      </div>
    );
  }
  return (
    <div className="export">
      <Button variant="secondary" disabled={!loaded} onClick={start} title="Render the mix to a 24-bit WAV file">
        Export WAV
      </Button>
      {state.kind === 'done' && (
        <a ref={linkRef} className="export__link" href={state.url} download={state.name}>
          Download {state.name} again
        </a>
      )}
      {state.kind === 'error' && (
        <span className="export__error" role="alert">
          Export failed: {state.message}
        </span>
      )}
    </div>
  );
}
