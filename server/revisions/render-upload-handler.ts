import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RevisionKind } from '../../lib/api/dto';
import { handleRawUpload, type RawUploadDeps } from '../http/raw-upload';
import { receiveUpload } from '../stems/receive-upload';
import { authorizeRenderUpload, storeRender, type RevisionContext } from './revision-renders';

const RENDER_PATH = /^\/api\/revisions\/([A-Za-z0-9_-]{1,64})\/renders\/(mix|master)$/;

/** The revision id and render kind when `req` uploads a render (`PUT /api/revisions/:id/renders/:kind`). */
export function matchRenderUpload(req: IncomingMessage): { revisionId: string; kind: RevisionKind } | undefined {
  if (req.method !== 'PUT') return undefined;
  const match = RENDER_PATH.exec(new URL(req.url ?? '/', 'http://upload.invalid').pathname);
  return match ? { revisionId: match[1], kind: match[2] as RevisionKind } : undefined;
}

export interface RenderUploadDeps extends RawUploadDeps {
  revisions: RevisionContext;
  maxUploadBytes: number;
}

/**
 * `PUT /api/revisions/:id/renders/:kind`: the render's bytes as the raw body, streamed to disk with
 * the size limit enforced while streaming, then checked and measured (`storeRender`).
 */
export function handleRenderUpload(req: IncomingMessage, res: ServerResponse, target: { revisionId: string; kind: RevisionKind }, deps: RenderUploadDeps): Promise<void> {
  return handleRawUpload(req, res, deps, async (user) => {
    // Refused before a byte of the body is read.
    await authorizeRenderUpload(deps.revisions, { userId: user.id, ...target });
    const upload = await receiveUpload(req, { tmpDir: deps.revisions.tmpDir, maxBytes: deps.maxUploadBytes });
    return { status: 201, body: { render: await storeRender(deps.revisions, { userId: user.id, ...target, upload }) } };
  });
}
