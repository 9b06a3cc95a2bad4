import type { IncomingMessage, ServerResponse } from 'node:http';
import { createProjectRequest } from '../../lib/api/dto';
import { AppError } from '../../lib/errors';
import { createMasteringProject } from './create-mastering-project';
import { decodeNameHeader, handleFileUpload, matchUploadPath, type FileUploadDeps } from './file-upload';
import { authorizeStemUpload, createStemFromUpload } from './stems';

export type StemUploadDeps = FileUploadDeps;

const UPLOAD_PATH = /^\/api\/projects\/([A-Za-z0-9_-]{1,64})\/stems$/;
const MASTERING_PROJECT_PATH = /^\/api\/mastering-projects$/;
const TRACK_ID = /^.{1,64}$/su;

/** The project id when `req` is a stem upload (`POST /api/projects/:id/stems`), else undefined. */
export function matchStemUpload(req: IncomingMessage): string | undefined {
  return matchUploadPath(req, UPLOAD_PATH);
}

/** True when `req` makes a mastering-only project from its mix (`POST /api/mastering-projects`). */
export function matchMasteringProjectUpload(req: IncomingMessage): boolean {
  return matchUploadPath(req, MASTERING_PROJECT_PATH) !== undefined;
}

/**
 * `POST /api/projects/:id/stems`: the body is the file itself, streamed to disk; `X-Filename`
 * names it (and the new track).
 */
export function handleStemUpload(req: IncomingMessage, res: ServerResponse, projectId: string, deps: StemUploadDeps): Promise<void> {
  return handleFileUpload(req, res, deps, {
    authorize: async (user) => {
      const trackId = new URL(req.url ?? '/', 'http://upload.invalid').searchParams.get('trackId') ?? undefined;
      if (trackId !== undefined && !TRACK_ID.test(trackId)) {
        throw new AppError('invalid_input', { message: 'trackId must be 1-64 characters', details: { field: 'trackId' } });
      }
      const filename = decodeNameHeader(req, 'X-Filename');
      await authorizeStemUpload(deps.stems, { userId: user.id, projectId, trackId });
      return { trackId, filename };
    },
    store: (user, upload, { trackId, filename }) => createStemFromUpload(deps.stems, { userId: user.id, projectId, trackId, filename, upload }),
  });
}

/**
 * `POST /api/mastering-projects`: a mastering-only project and its one stereo mix in one request
 * (the body is the file; `X-Filename` its name, `X-Project-Name` the project's). It answers with
 * the project and its stem, or an error and no project at all.
 */
export function handleMasteringProjectUpload(req: IncomingMessage, res: ServerResponse, deps: StemUploadDeps): Promise<void> {
  return handleFileUpload(req, res, deps, {
    authorize: async () => {
      const parsed = createProjectRequest.shape.name.safeParse(decodeNameHeader(req, 'X-Project-Name'));
      if (!parsed.success) {
        throw new AppError('invalid_input', { message: `X-Project-Name: ${parsed.error.issues[0]?.message ?? 'invalid'}`, details: { field: 'name' } });
      }
      return { name: parsed.data, filename: decodeNameHeader(req, 'X-Filename') };
    },
    store: (user, upload, { name, filename }) => createMasteringProject(deps.stems, { userId: user.id, name, filename, upload }),
  });
}
