import type { RevisionDto, RevisionKind, RevisionRenderDto } from '../../lib/api/dto';
import { ENCODERS } from '../../lib/audio/export/encoders';
import { renderExport } from '../../lib/audio/export/render-export';
import { fetchOk, fetchRenderInputs, renderProgress, type MixResponse } from './render-command';

export interface PublishCommandOptions {
  url: string;
  token: string;
  project: string;
  title: string;
  notes?: string;
  /** Publish a master revision (the lead or the mastering engineer) instead of a mix (the lead). */
  master: boolean;
  progress: (line: string) => void;
}

export interface PublishCommandResult {
  revision: RevisionDto;
  render: RevisionRenderDto;
  provenance: string;
}

/**
 * `mixroom publish`: publishes the live mix (or master) as a revision, renders what the revision
 * holds with the engine, and uploads the render, which the server accepts only with the provenance
 * it expects. A render that fails leaves the revision "rendering", to be completed later.
 */
export async function publishCommand(options: PublishCommandOptions): Promise<PublishCommandResult> {
  const base = options.url.replace(/\/+$/, '');
  const kind: RevisionKind = options.master ? 'master' : 'mix';
  const created = await fetchOk(`${base}/api/projects/${encodeURIComponent(options.project)}/revisions`, options.token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: options.title, notes: options.notes ?? '', kind }),
  });
  const { revision } = (await created.json()) as { revision: RevisionDto };
  options.progress(`published revision ${revision.number} (${kind}); rendering it`);
  const detail = (await (await fetchOk(`${base}/api/revisions/${revision.id}`, options.token)).json()) as MixResponse & { revision: RevisionDto };
  const inputs = await fetchRenderInputs(base, options.token, detail, options.progress);
  const result = await renderExport({ ...inputs, format: 'wav24', master: options.master, onProgress: renderProgress(options.progress) }, ENCODERS);
  if (result.provenance !== revision.provenance[kind]) {
    throw new Error(`this command's engine renders another provenance (${result.provenance}) than the server expects (${revision.provenance[kind]}): update the mixroom command`);
  }
  options.progress(`uploading ${(result.bytes.length / 1024 / 1024).toFixed(1)} MiB`);
  const uploaded = await fetchOk(`${base}/api/revisions/${revision.id}/renders/${kind}`, options.token, {
    method: 'PUT',
    headers: { 'content-type': 'audio/wav' },
    body: result.bytes as Uint8Array<ArrayBuffer>,
  });
  const { render } = (await uploaded.json()) as { render: RevisionRenderDto };
  return { revision: { ...revision, status: 'ready', renders: [render] }, render, provenance: result.provenance };
}
