import { uploadErrorMessage } from '../../../../_lib/upload-request';
import { StoreBase } from '../common/store';

/** Where an upload stands. `processing`: every byte sent, the server decodes and resamples. */
export const UPLOAD_STATES = {
  queued: 'queued',
  uploading: 'uploading',
  processing: 'processing',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type UploadState = (typeof UPLOAD_STATES)[keyof typeof UPLOAD_STATES];

export interface UploadItem {
  readonly id: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  /** The track whose audio this upload replaces; undefined: a new track. */
  readonly trackId: string | undefined;
  readonly state: UploadState;
  /** 0-100, of the request body sent. */
  readonly percent: number;
  /** The server's message (or ours when it never answered), when `failed`. */
  readonly error: string | null;
  /** The stem and track from the 201, when `done`. */
  readonly result: { stemId: string; trackId: string } | null;
}

export interface UploadQueueOptions {
  projectId: string;
  /**
   * Uploads sent at once; the rest wait. Browsers allow 6 connections per host, and the sync
   * socket and the peaks requests need some.
   * @default 3
   */
  concurrency?: number;
  /** Injected for tests. @default () => new XMLHttpRequest() */
  createRequest?: () => XMLHttpRequest;
}

export const UPLOAD_QUEUE_DEFAULTS = { concurrency: 3 } as const;

const ACTIVE: ReadonlySet<UploadState> = new Set([UPLOAD_STATES.queued, UPLOAD_STATES.uploading, UPLOAD_STATES.processing]);

export function isUploadActive(item: UploadItem): boolean {
  return ACTIVE.has(item.state);
}

export function isUploadCancellable(item: UploadItem): boolean {
  return item.state === UPLOAD_STATES.queued || item.state === UPLOAD_STATES.uploading;
}

let nextId = 0;

/**
 * Stem uploads of one project: a queue sent a few at a time with `XMLHttpRequest` (fetch reports
 * no upload progress), each with its progress, a cancel, and the server's answer. Components
 * subscribe to `snapshot`, an immutable list replaced on every change.
 */
export class UploadQueue extends StoreBase<readonly UploadItem[]> {
  private readonly files = new Map<string, File>();
  private readonly requests = new Map<string, XMLHttpRequest>();
  private readonly concurrency: number;
  private readonly createRequest: () => XMLHttpRequest;
  private destroyed = false;

  constructor(private readonly options: UploadQueueOptions) {
    super([]);
    this.concurrency = Math.max(1, options.concurrency ?? UPLOAD_QUEUE_DEFAULTS.concurrency);
    this.createRequest = options.createRequest ?? (() => new XMLHttpRequest());
  }

  /** Queues files: new tracks, or (with `trackId`) replacements of that track's audio. Returns their ids. */
  add(files: Iterable<File>, trackId?: string): string[] {
    if (this.destroyed) return [];
    const added: UploadItem[] = [];
    for (const file of files) {
      const id = `upload-${++nextId}`;
      this.files.set(id, file);
      added.push({
        id,
        fileName: file.name,
        sizeBytes: file.size,
        trackId,
        state: UPLOAD_STATES.queued,
        percent: 0,
        error: null,
        result: null,
      });
    }
    if (added.length === 0) return [];
    this.setSnapshot([...this.snapshot, ...added]);
    this.pump();
    return added.map((a) => a.id);
  }

  /** Stops a queued or uploading file; one already processing on the server runs to its end. */
  cancel(id: string): void {
    const item = this.snapshot.find((i) => i.id === id);
    if (!item || !isUploadCancellable(item)) return;
    const xhr = this.requests.get(id);
    this.requests.delete(id);
    this.files.delete(id);
    this.update(id, { state: UPLOAD_STATES.cancelled });
    xhr?.abort();
    this.pump();
  }

  /** Removes the finished rows (done, failed, cancelled) from the list. */
  clearFinished(): void {
    const kept = this.snapshot.filter(isUploadActive);
    if (kept.length < this.snapshot.length) this.setSnapshot(kept);
  }

  /** Aborts every request still running and forgets everything. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const xhr of this.requests.values()) xhr.abort();
    this.requests.clear();
    this.files.clear();
    this.closeStore();
  }

  private pump(): void {
    if (this.destroyed) return;
    let running = this.snapshot.filter((i) => i.state === UPLOAD_STATES.uploading || i.state === UPLOAD_STATES.processing).length;
    for (const item of this.snapshot) {
      if (running >= this.concurrency) break;
      if (item.state !== UPLOAD_STATES.queued) continue;
      this.start(item);
      running++;
    }
  }

  private start(item: UploadItem): void {
    const file = this.files.get(item.id);
    if (!file) return;
    const xhr = this.createRequest();
    this.requests.set(item.id, xhr);
    const query = item.trackId === undefined ? '' : `?trackId=${encodeURIComponent(item.trackId)}`;
    xhr.open('POST', `/api/projects/${encodeURIComponent(this.options.projectId)}/stems${query}`);
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('Accept', 'application/json');
    // A hint only: the server detects the format from the bytes.
    if (file.type) xhr.setRequestHeader('Content-Type', file.type);

    const finish = (patch: Partial<UploadItem>) => {
      if (this.requests.get(item.id) !== xhr) return;
      this.requests.delete(item.id);
      this.files.delete(item.id);
      this.update(item.id, patch);
      this.pump();
    };
    xhr.upload.onprogress = (e) => {
      if (this.requests.get(item.id) !== xhr || !e.lengthComputable || e.total === 0) return;
      this.update(item.id, { percent: Math.min(100, Math.floor((e.loaded / e.total) * 100)) });
    };
    // Every byte is out: what remains is the server decoding, resampling, analysing.
    xhr.upload.onload = () => {
      if (this.requests.get(item.id) === xhr) this.update(item.id, { state: UPLOAD_STATES.processing, percent: 100 });
    };
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        let result: UploadItem['result'] = null;
        try {
          const body = JSON.parse(xhr.responseText) as { stem?: { id?: string }; trackId?: string };
          if (body.stem?.id && body.trackId) result = { stemId: body.stem.id, trackId: body.trackId };
        } catch {
          // The upload worked; the track shows up through the document anyway.
        }
        finish({ state: UPLOAD_STATES.done, percent: 100, result });
      } else {
        finish({ state: UPLOAD_STATES.failed, error: uploadErrorMessage(xhr) });
      }
    };
    xhr.onerror = () => finish({ state: UPLOAD_STATES.failed, error: uploadErrorMessage(xhr) });
    xhr.ontimeout = () => finish({ state: UPLOAD_STATES.failed, error: 'The upload timed out' });

    this.update(item.id, { state: UPLOAD_STATES.uploading, percent: 0 });
    xhr.send(file);
  }

  private update(id: string, patch: Partial<UploadItem>): void {
    this.setSnapshot(this.snapshot.map((i) => (i.id === id ? { ...i, ...patch } : i)));
  }
}
