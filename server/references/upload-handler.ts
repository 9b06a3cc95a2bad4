import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeNameHeader, handleFileUpload, matchUploadPath } from '../stems/file-upload';
import type { StemUploadDeps } from '../stems/upload-handler';
import { authorizeReferenceUpload, createReferenceFromUpload } from './references';

const UPLOAD_PATH = /^\/api\/projects\/([A-Za-z0-9_-]{1,64})\/references$/;

/** The project id when `req` is a reference upload (`POST /api/projects/:id/references`), else undefined. */
export function matchReferenceUpload(req: IncomingMessage): string | undefined {
  return matchUploadPath(req, UPLOAD_PATH);
}

/** `POST /api/projects/:id/references`: the file itself as the body, streamed to disk, like a stem. */
export function handleReferenceUpload(req: IncomingMessage, res: ServerResponse, projectId: string, deps: StemUploadDeps): Promise<void> {
  return handleFileUpload(req, res, deps, {
    authorize: async (user) => {
      const filename = decodeNameHeader(req, 'X-Filename');
      await authorizeReferenceUpload(deps.stems, { userId: user.id, projectId });
      return filename;
    },
    store: (user, upload, filename) => createReferenceFromUpload(deps.stems, { userId: user.id, projectId, filename, upload }),
  });
}
