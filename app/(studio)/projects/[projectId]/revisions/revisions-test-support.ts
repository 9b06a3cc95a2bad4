import type { ExportEvent } from '../../../../../lib/audio/engine/protocol';
import { runExport } from '../../../../../lib/audio/engine/export-worker';
import { nodeXhrFactory, type NodeXhr } from '../../../../../server/testing/node-xhr';
import type { TestApp } from '../../../../../server/testing/test-app';
import { wav24 } from '../../../../../server/testing/wav-fixtures';
import { ApiError, type ApiRequestOptions } from '../../../../_lib/api';
import type { RevisionRenderer } from './publish-flow';
import { type JsonRequest, RevisionsClient } from './revisions-client';

/**
 * What the revision models' tests share: `api` as a script calls it (a token instead of the
 * cookie, the test app's address), the upload over Node's http, and the export worker's own code
 * (`runExport`) run in Node as the renderer. Test-only: nothing in the page imports it.
 */

export function tokenRequest(app: TestApp, token: string): JsonRequest {
  return async <T>(path: string, options: ApiRequestOptions = {}): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${app.url}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    const data = res.status === 204 ? undefined : ((await res.json()) as { error?: { code: string; message: string } });
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message ?? res.statusText);
    return data as T;
  };
}

export function testClient(app: TestApp, token: string, made?: NodeXhr[], chunkBytes = 64 * 1024): RevisionsClient {
  return new RevisionsClient({ request: tokenRequest(app, token), createRequest: nodeXhrFactory({ baseUrl: app.url, token, chunkBytes }, made) });
}

/** The export worker's code in Node: it fetches the stems itself (with `token`), as the worker does with the cookie. */
export function nodeRenderer(app: TestApp, token: string): RevisionRenderer {
  return (request, onProgress, signal) =>
    new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('the worker was terminated')), { once: true });
      const scope = {
        onmessage: null,
        fetch: ((url: string, init?: RequestInit) => fetch(new URL(url, app.url), { ...init, headers: { authorization: `Bearer ${token}` }, signal })) as typeof fetch,
        postMessage(event: ExportEvent) {
          if (signal.aborted) return;
          if (event.type === 'progress') onProgress({ phase: event.phase, fraction: event.fraction });
          else if (event.type === 'done') resolve({ bytes: new Uint8Array(event.bytes), provenance: event.provenance });
          else if (event.type === 'error') reject(new Error(event.message));
        },
      };
      runExport(scope, { type: 'render', mix: request.mix, stems: [...request.stems], format: 'wav24', master: request.kind === 'master' }).catch(reject);
    });
}

/** Uploads a one-second stem as a new track (the lead); returns the track id. */
export async function addStemTrack(app: TestApp, projectId: string, token: string, name: string, freqHz: number): Promise<string> {
  const res = await app.request(`/api/projects/${projectId}/stems`, {
    method: 'POST',
    body: new Uint8Array(wav24({ sampleRate: 48_000, channels: 2, frames: 48_000, freqHz, amplitude: 0.4 })),
    token,
    headers: { 'x-filename': name },
  });
  if (res.status !== 201) throw new Error(`stem upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { trackId: string }).trackId;
}
