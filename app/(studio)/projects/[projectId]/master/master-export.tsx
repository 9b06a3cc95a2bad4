'use client';

import { useEffect, useRef, useState } from 'react';
import { FILE_EXTENSIONS, type ExportFormat } from '../../../../../lib/audio/export/encode-export';
import { resolveTarget } from '../../../../../lib/audio/mastering-targets';
import { codecOvers, type QcItem } from '../../../../../lib/audio/quality-control';
import { LoudnessMeter } from '../../../../../lib/dsp/loudness-meter';
import type { MixSnapshot } from '../../../../../lib/doc';
import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import type { StemFileInfo } from '../../../../../lib/audio/engine/protocol';
import { ExportCancelled, exportCommand, exportFileName, type ExportProgress, runExportWorker, runStemsWorker } from '../export/export-mix';
import { useStudio } from '../studio-context';
import type { MasterAnalysis } from './master-analysis';

/** The choices of the master export: format and MP3 bit rate together. */
export const MASTER_FORMATS = [
  { id: 'wav24', format: 'wav24', text: 'WAV 24-bit' },
  { id: 'wav16', format: 'wav16', text: 'WAV 16-bit' },
  { id: 'f32', format: 'f32', text: 'WAV 32-bit float' },
  { id: 'flac', format: 'flac', text: 'FLAC' },
  { id: 'mp3-320', format: 'mp3', bitrate: 320, text: 'MP3 320 kbps' },
  { id: 'mp3-128', format: 'mp3', bitrate: 128, text: 'MP3 128 kbps' },
] as const satisfies ReadonlyArray<{ id: string; format: ExportFormat; bitrate?: number; text: string }>;
type FormatId = (typeof MASTER_FORMATS)[number]['id'];

/** Findings that make a master fail its delivery: its target missed, its ceiling broken (also by the MP3 codec). */
const FAILING = new Set(['target_missed', 'true_peak_over_ceiling', 'codec_overs']);

/** What the dialog exports: the master with its target, the mix before the master section, or every track's stem. */
type ExportWhat = 'master' | 'mix' | 'stems';
const WHAT_TEXT: Record<ExportWhat, string> = { master: 'the master', mix: 'the mix', stems: 'the stems' };

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ExportProgress }
  | { kind: 'confirm'; url: string; name: string; failures: QcItem[]; qc: QcItem[] }
  | { kind: 'done'; url: string; name: string; qc: QcItem[]; stems?: StemFileInfo[] }
  | { kind: 'error'; message: string };

const overall = (p: ExportProgress) => Math.round((p.phase === 'fetching' ? p.fraction * 0.1 : 0.1 + p.fraction * 0.9) * 100);

/**
 * Exports the master (with its target) in the export worker, the same code as `mixroom render
 * --master`: progress and cancel, the quality report before the download, and a confirmation,
 * saying why, when the master misses its target or its ceiling.
 */
export function MasterExport({ analysis }: { analysis: MasterAnalysis | null }) {
  const { projectName, model, playback } = useStudio();
  const loaded = useStore(model, (s) => s.loaded);
  const [formatId, setFormatId] = useState<FormatId>('wav24');
  const [what, setWhat] = useState<ExportWhat>('master');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);

  /** The object URL of the last file, revoked when the next one is made and when the view goes. */
  const urlRef = useRef<string | null>(null);
  const keepUrl = (url: string) => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = url;
  };

  useEffect(
    () => () => {
      abortRef.current?.abort();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );
  useEffect(() => {
    if (state.kind === 'done') linkRef.current?.click();
  }, [state]);

  const start = () => {
    const { loaded, mix } = model.snapshot;
    if (!loaded) return;
    const choice = MASTER_FORMATS.find((f) => f.id === formatId)!;
    const abort = new AbortController();
    abortRef.current = abort;
    setState({ kind: 'running', progress: { phase: 'fetching', fraction: 0 } });
    const bitrate = 'bitrate' in choice ? choice.bitrate : undefined;
    const onProgress = (progress: ExportProgress) => setState({ kind: 'running', progress });
    const failed = (err: unknown) => setState(err instanceof ExportCancelled ? { kind: 'idle' } : { kind: 'error', message: err instanceof Error ? err.message : String(err) });
    const keep = (bytes: ArrayBuffer, type: string) => {
      const url = URL.createObjectURL(new Blob([bytes], { type }));
      keepUrl(url);
      return url;
    };
    if (what === 'stems') {
      runStemsWorker(exportCommand(mix as MixSnapshot, { format: choice.format, bitrate }), onProgress, abort.signal).then(
        (done) => setState({ kind: 'done', url: keep(done.bytes, done.mimeType), name: exportFileName(projectName, 'zip', 'stems'), qc: [], stems: done.files }),
        failed,
      );
      return;
    }
    const master = what === 'master';
    const command = exportCommand(mix as MixSnapshot, { master, format: choice.format, bitrate });
    runExportWorker(command, onProgress, abort.signal)
      .then(async (done) => {
        if (master) analysis?.record(done, mix, 'export');
        const qc = [...done.qc];
        if (master && choice.format === 'mp3' && playback) {
          // Codec overs: the MP3 decoded as a player decodes it, measured again (as mixroom render does).
          const decoded = await playback.decode(done.bytes.slice(0));
          const meter = new LoudnessMeter({ sampleRate: playback.sampleRate, channels: 2 });
          meter.process(decoded, decoded[0].length);
          const section = mix.master;
          const overs = codecOvers({ target: resolveTarget(section), ceilingDbtp: section.limiter.on ? section.limiter.ceilingDbtp : null, encodedTruePeakDbtp: meter.truePeak });
          if (overs) qc.push(overs);
        }
        if (abort.signal.aborted) return;
        const url = keep(done.bytes, done.mimeType);
        const name = exportFileName(projectName, FILE_EXTENSIONS[choice.format], what);
        const failures = master ? qc.filter((q) => FAILING.has(q.code)) : [];
        setState(failures.length > 0 ? { kind: 'confirm', url, name, failures, qc } : { kind: 'done', url, name, qc });
      })
      .catch(failed);
  };

  if (state.kind === 'running') {
    const pct = overall(state.progress);
    return (
      <div className="master-export export export--running">
        <span className="export__label">
          {state.progress.phase === 'fetching' ? 'Fetching stems…' : `Rendering ${state.progress.detail ? `stem ${state.progress.detail}` : WHAT_TEXT[what]}…`}
        </span>
        <progress className="export__bar" aria-label="Master export progress" max={100} value={pct}>
          {pct}%
        </progress>
        <span className="export__pct">{pct}%</span>
        <Button size="sm" onClick={() => abortRef.current?.abort()}>
          Cancel export
        </Button>
      </div>
    );
  }
  return (
    <div className="master-export">
      <select className="master-export__format" aria-label="Export what" value={what} onChange={(e) => setWhat(e.target.value as ExportWhat)}>
        <option value="master">Master</option>
        <option value="mix">Mix (before the master)</option>
        <option value="stems">Stems (a file per track, zipped)</option>
      </select>
      <select className="master-export__format" aria-label="Master export format" value={formatId} onChange={(e) => setFormatId(e.target.value as FormatId)}>
        {MASTER_FORMATS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.text}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        variant="primary"
        disabled={!loaded}
        onClick={start}
        title={what === 'stems' ? 'Render each track through its strip, post-fader, to its own file, and download them in one zip' : 'Render the master (with its target) or the mix and download it'}
      >
        {what === 'master' ? 'Export master' : what === 'mix' ? 'Export mix' : 'Export stems'}
      </Button>
      {state.kind === 'confirm' && (
        <div className="master-export__confirm" role="alertdialog" aria-label="The master fails its target" aria-describedby="master-export-why">
          <p id="master-export-why">
            This master fails its delivery: {state.failures.map((f) => f.message).join('; ')}. Download it anyway?
          </p>
          <div className="master-export__actions">
            <Button size="sm" variant="danger" onClick={() => setState({ kind: 'done', url: state.url, name: state.name, qc: state.qc })}>
              Download anyway
            </Button>
            <Button size="sm" onClick={() => setState({ kind: 'idle' })}>
              Don’t download
            </Button>
          </div>
        </div>
      )}
      {state.kind === 'done' && (
        <>
          <a ref={linkRef} className="export__link" href={state.url} download={state.name}>
            Download {state.name} again
          </a>
          {state.stems ? <StemsSummary files={state.stems} /> : <QcSummary qc={state.qc} />}
        </>
      )}
      {state.kind === 'error' && (
        <span className="export__error" role="alert">
          Export failed: {state.message}
        </span>
      )}
    </div>
  );
}

/** The quality report of the last export: its count, each finding in the tooltip and the list. */
function QcSummary({ qc }: { qc: QcItem[] }) {
  if (qc.length === 0) return <span className="master-export__qc">QC: no findings</span>;
  const worst = qc.some((q) => q.severity === 'error') ? 'error' : qc.some((q) => q.severity === 'warning') ? 'warning' : 'info';
  return (
    <details className="master-export__qc" data-severity={worst}>
      <summary>QC: {qc.length} finding{qc.length === 1 ? '' : 's'}</summary>
      <ul aria-label="Quality report of the export">
        {qc.map((q, k) => (
          <li key={k} data-severity={q.severity}>
            {q.atSec !== undefined ? `${q.atSec.toFixed(2)} s: ` : ''}
            {q.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What a stems export holds: a file per track, each with its own provenance. */
function StemsSummary({ files }: { files: StemFileInfo[] }) {
  return (
    <details className="master-export__qc">
      <summary>
        {files.length} stem{files.length === 1 ? '' : 's'}
      </summary>
      <ul aria-label="Stems in the zip">
        {files.map((f) => (
          <li key={f.fileName} title={`provenance sha256:${f.provenance}`}>
            {f.fileName}
          </li>
        ))}
      </ul>
    </details>
  );
}
