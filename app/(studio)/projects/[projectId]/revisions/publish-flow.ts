import type { CreateRevisionRequest, RevisionDto, RevisionKind, RevisionRenderDto } from '../../../../../lib/api/dto';
import type { MixSnapshot } from '../../../../../lib/doc';
import { StoreBase } from '../common/store';
import type { RevisionsClient } from './revisions-client';

/**
 * Where a publish stands. A revision exists from `fetching` on; whatever happens after that, it
 * stays "rendering" on the server until its render is accepted (`ready`).
 */
export const PUBLISH_STEPS = {
  idle: 'idle',
  /** POST /api/projects/:id/revisions: the server takes the live document. */
  publishing: 'publishing',
  /** Reading what the revision holds and loading its stems into the export worker. */
  fetching: 'fetching',
  rendering: 'rendering',
  /** Sending the render's bytes. */
  uploading: 'uploading',
  /** Every byte sent: the server checks the provenance and measures the file. */
  measuring: 'measuring',
  ready: 'ready',
  cancelled: 'cancelled',
  failed: 'failed',
} as const;
export type PublishStep = (typeof PUBLISH_STEPS)[keyof typeof PUBLISH_STEPS];

const BUSY: ReadonlySet<PublishStep> = new Set(['publishing', 'fetching', 'rendering', 'uploading', 'measuring']);

export interface PublishJob {
  step: PublishStep;
  kind: RevisionKind;
  /** The revision, once it exists. */
  revision: RevisionDto | null;
  /** 0..1 within the step (stems loaded, audio rendered, bytes sent). */
  fraction: number;
  /** The server's measurement of the accepted render (`ready`). */
  render: RevisionRenderDto | null;
  /** What went wrong, in words (`failed`). */
  error: string | null;
}

export function isPublishBusy(job: PublishJob): boolean {
  return BUSY.has(job.step);
}

/** What the renderer is given: the revision's snapshot and its stems, as `GET /api/revisions/:id` lists them. */
export interface RevisionRenderRequest {
  mix: MixSnapshot;
  stems: ReadonlyArray<{ id: string; audioUrl: string }>;
  kind: RevisionKind;
}

export interface RevisionRenderProgress {
  phase: 'fetching' | 'rendering';
  fraction: number;
}

/**
 * Renders a revision as the server expects it (24-bit WAV, the master section for a master) and
 * says which provenance it wrote into the file. In the page: the export Web Worker.
 */
export type RevisionRenderer = (
  request: RevisionRenderRequest,
  onProgress: (progress: RevisionRenderProgress) => void,
  signal: AbortSignal,
) => Promise<{ bytes: Uint8Array; provenance: string }>;

export interface PublishFlowOptions {
  projectId: string;
  client: RevisionsClient;
  render: RevisionRenderer;
  /**
   * Told when a revision appeared or changed: created, rendered (with its render), or left
   * "rendering" (null when the publish itself failed). A list shows it at once and refetches.
   */
  onRevisionChanged?: (revision: RevisionDto | null) => void;
}

const IDLE: PublishJob = { step: 'idle', kind: 'mix', revision: null, fraction: 0, render: null, error: null };

/** Never more often than this many progress snapshots per step. */
const PROGRESS_STEPS = 100;

/**
 * Publishing a revision from the browser, one at a time: create it (the server takes the live
 * document), fetch what it holds, render exactly that snapshot in the export worker, check that
 * the render carries the provenance the server expects, upload it with progress, and show the
 * server's measurement. Cancel stops the worker or the upload at once; a cancelled or failed
 * render leaves the revision "rendering", and `renderRevision` completes it later.
 */
export class PublishFlow extends StoreBase<PublishJob> {
  private abort: AbortController | null = null;

  constructor(private readonly options: PublishFlowOptions) {
    super(IDLE);
  }

  /** Publishes the live document as a revision of `kind` and renders it. Ignored while another runs. */
  async publish(request: CreateRevisionRequest): Promise<void> {
    if (isPublishBusy(this.snapshot)) return;
    const abort = this.start({ ...IDLE, step: 'publishing', kind: request.kind });
    let revision: RevisionDto;
    try {
      // Not aborted by Cancel: the server may have taken the revision already, and the user must
      // learn its number to complete it later. A cancel meanwhile takes effect on the answer.
      revision = await this.options.client.create(this.options.projectId, request);
    } catch (err) {
      return this.stop(abort, err);
    }
    this.options.onRevisionChanged?.(revision);
    if (abort.signal.aborted) return this.finish(abort, { step: 'cancelled', revision, error: null });
    await this.renderAndUpload(abort, revision);
  }

  /** Renders and uploads a revision that is still "rendering" (a cancelled or failed publish, or `mixroom publish`). */
  async renderRevision(revision: RevisionDto): Promise<void> {
    if (isPublishBusy(this.snapshot)) return;
    const abort = this.start({ ...IDLE, step: 'fetching', kind: revision.kind, revision });
    await this.renderAndUpload(abort, revision);
  }

  /** Stops what runs now: the request, the worker or the upload. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Back to idle once a publish has ended (its outcome was read). */
  dismiss(): void {
    if (!isPublishBusy(this.snapshot)) this.setSnapshot(IDLE);
  }

  destroy(): void {
    this.abort?.abort();
    this.abort = null;
    this.closeStore();
  }

  private start(job: PublishJob): AbortController {
    const abort = new AbortController();
    this.abort = abort;
    this.setSnapshot(job);
    return abort;
  }

  /** Moves the job on, unless it was superseded (cancelled, destroyed). */
  private update(abort: AbortController, patch: Partial<PublishJob>): void {
    if (this.abort !== abort || abort.signal.aborted) return;
    const job = this.snapshot;
    const next = { ...job, ...patch };
    // Progress only when it moved a step's hundredth: a render posts many more.
    if (next.step === job.step && Math.floor(next.fraction * PROGRESS_STEPS) === Math.floor(job.fraction * PROGRESS_STEPS) && patch.revision === undefined) return;
    this.setSnapshot(next);
  }

  private async renderAndUpload(abort: AbortController, revision: RevisionDto): Promise<void> {
    const { client } = this.options;
    const kind = revision.kind;
    try {
      this.update(abort, { step: 'fetching', revision, fraction: 0 });
      const detail = await client.get(revision.id, abort.signal);
      if (detail.revision.status === 'deleted' || !detail.mix) throw new Error(`revision ${revision.number} was deleted`);
      if (detail.revision.status === 'ready') {
        const render = detail.revision.renders.find((r) => r.kind === kind) ?? null;
        return this.finish(abort, { step: 'ready', revision: detail.revision, render, fraction: 1 });
      }
      const expected = detail.revision.provenance[kind];
      const result = await this.options.render({ mix: detail.mix, stems: detail.stems, kind }, (p) => this.update(abort, { step: p.phase, fraction: p.fraction }), abort.signal);
      if (abort.signal.aborted) return this.stop(abort, null);
      if (result.provenance !== expected) {
        throw new Error(
          `this page's engine rendered provenance ${result.provenance}, but revision ${revision.number} expects ${expected ?? 'none'}: ` +
            'the page and the server run different engine versions, so reload the page first.',
        );
      }
      this.update(abort, { step: 'uploading', fraction: 0 });
      const render = await client.uploadRender(
        revision.id,
        kind,
        result.bytes,
        (fraction) => this.update(abort, fraction >= 1 ? { step: 'measuring', fraction: 0 } : { step: 'uploading', fraction }),
        abort.signal,
      );
      this.finish(abort, { step: 'ready', revision: { ...detail.revision, status: 'ready', renders: [...detail.revision.renders, render] }, render, fraction: 1 });
    } catch (err) {
      this.stop(abort, err);
    }
  }

  private finish(abort: AbortController, patch: Partial<PublishJob>): void {
    if (this.abort !== abort) return;
    this.abort = null;
    this.setSnapshot({ ...this.snapshot, ...patch });
    this.options.onRevisionChanged?.(this.snapshot.revision);
  }

  /** Ends the job as cancelled (the signal was aborted) or failed. */
  private stop(abort: AbortController, err: unknown): void {
    if (this.abort !== abort) return;
    const cancelled = abort.signal.aborted;
    this.finish(abort, cancelled ? { step: 'cancelled', error: null } : { step: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
}
