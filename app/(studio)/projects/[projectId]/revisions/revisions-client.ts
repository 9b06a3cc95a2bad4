import type { CreateRevisionRequest, RevisionDto, RevisionKind, RevisionRenderDto } from '../../../../../lib/api/dto';
import type { RevisionDetail } from '../../../../../server/revisions/revisions';
import { api, ApiError, type ApiRequestOptions, rateLimitMessage } from '../../../../_lib/api';

const enc = encodeURIComponent;

/** The revision routes of the API (README "HTTP API"), in one place for the client and the query hooks. */
export const revisionPaths = {
  list: (projectId: string) => `/api/projects/${enc(projectId)}/revisions`,
  one: (revisionId: string) => `/api/revisions/${enc(revisionId)}`,
  render: (revisionId: string, kind: RevisionKind) => `/api/revisions/${enc(revisionId)}/renders/${kind}`,
  diff: (from: string, to: string | 'live') => `/api/revisions/${enc(from)}/diff/${enc(to)}`,
  restore: (revisionId: string) => `/api/revisions/${enc(revisionId)}/restore`,
  blame: (projectId: string) => `/api/projects/${enc(projectId)}/blame`,
  activity: (projectId: string, cursor?: string | null) => `/api/projects/${enc(projectId)}/activity${cursor ? `?cursor=${enc(cursor)}` : ''}`,
};

/** A JSON request as `api` makes it; tests pass one that adds a token and the test app's address. */
export type JsonRequest = <T>(path: string, options?: ApiRequestOptions) => Promise<T>;

export interface RevisionsClientOptions {
  /** @default api: same-origin fetch with the session cookie */
  request?: JsonRequest;
  /** Injected for tests (server/testing/node-xhr). @default () => new XMLHttpRequest() */
  createRequest?: () => XMLHttpRequest;
}

/** Thrown when the caller aborted: the revision may exist, but nothing more was done. */
export class RequestAborted extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RequestAborted';
  }
}

function uploadError(xhr: XMLHttpRequest): ApiError {
  if (xhr.status === 0) return new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  if (xhr.status === 429) return new ApiError(429, 'rate_limited', rateLimitMessage(undefined));
  try {
    const error = (JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.message === 'string') return new ApiError(xhr.status, typeof error.code === 'string' ? error.code : `http_${xhr.status}`, error.message);
  } catch {
    // Not JSON (a proxy's error page): the status says it.
  }
  return new ApiError(xhr.status, `http_${xhr.status}`, `The server answered ${xhr.status} ${xhr.statusText}`.trim());
}

/**
 * The calls a publish makes: create the revision, read what it holds, upload its render. The
 * upload goes through `XMLHttpRequest` because fetch reports no upload progress.
 */
export class RevisionsClient {
  private readonly request: JsonRequest;
  private readonly createRequest: () => XMLHttpRequest;

  constructor(options: RevisionsClientOptions = {}) {
    this.request = options.request ?? api;
    this.createRequest = options.createRequest ?? (() => new XMLHttpRequest());
  }

  async create(projectId: string, body: CreateRevisionRequest, signal?: AbortSignal): Promise<RevisionDto> {
    return (await this.request<{ revision: RevisionDto }>(revisionPaths.list(projectId), { method: 'POST', body, signal })).revision;
  }

  get(revisionId: string, signal?: AbortSignal): Promise<RevisionDetail> {
    return this.request<RevisionDetail>(revisionPaths.one(revisionId), { signal });
  }

  /**
   * PUTs a render; `onProgress` gets the share of the body sent (0..1). Once every byte is out the
   * server still checks the provenance and measures the file before it answers.
   */
  uploadRender(revisionId: string, kind: RevisionKind, bytes: Uint8Array, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<RevisionRenderDto> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new RequestAborted());
      const xhr = this.createRequest();
      const onAbort = () => {
        xhr.abort();
        reject(new RequestAborted());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      xhr.open('PUT', revisionPaths.render(revisionId, kind));
      xhr.setRequestHeader('content-type', 'audio/wav');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        settle();
        if (xhr.status === 201) {
          try {
            resolve((JSON.parse(xhr.responseText) as { render: RevisionRenderDto }).render);
          } catch {
            reject(new ApiError(xhr.status, 'bad_response', 'The server accepted the render but its answer could not be read'));
          }
        } else reject(uploadError(xhr));
      };
      xhr.onerror = () => {
        settle();
        reject(uploadError(xhr));
      };
      xhr.send(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }));
    });
  }
}
