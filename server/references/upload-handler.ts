import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../lib/errors';
import { controlCharsMessage, hasControlChars } from '../../lib/names';
import { handleRawUpload } from '../http/raw-upload';
import { receiveUpload } from '../stems/receive-upload';
import type { StemUploadDeps } from '../stems/upload-handler';
import { authorizeReferenceUpload, createReferenceFromUpload } from './references';

const UPLOAD_PATH = /^\/api\/projects\/([A-Za-z0-9_-]{1,64})\/references$/;

/** The project id when `req` is a reference upload (`POST /api/projects/:id/references`), else undefined. */
export function matchReferenceUpload(req: IncomingMessage): string | undefined {
  if (req.method !== 'POST') return undefined;
  return UPLOAD_PATH.exec(new URL(req.url ?? '/', 'http://upload.invalid').pathname)?.[1];
}

function decodeFilename(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) throw new AppError('invalid_input', { message: 'X-Filename is missing: send the file name, percent-encoded UTF-8' });
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch (err) {
    throw new AppError('invalid_input', { message: 'X-Filename is not valid percent-encoded UTF-8', cause: err });
  }
  if (name.trim() === '' || name.length > 500) throw new AppError('invalid_input', { message: 'X-Filename must be 1-500 characters', details: { field: 'X-Filename' } });
  if (hasControlChars(name)) throw new AppError('invalid_input', { message: controlCharsMessage('X-Filename'), details: { field: 'X-Filename' } });
  return name;
}

/** `POST /api/projects/:id/references`: the file itself as the body, streamed to disk, like a stem. */
export function handleReferenceUpload(req: IncomingMessage, res: ServerResponse, projectId: string, deps: StemUploadDeps): Promise<void> {
  return handleRawUpload(req, res, deps, async (user) => {
    const filename = decodeFilename(req.headers['x-filename']);
    await authorizeReferenceUpload(deps.stems, { userId: user.id, projectId });
    const upload = await receiveUpload(req, { tmpDir: deps.stems.tmpDir, maxBytes: deps.maxUploadBytes });
    return { status: 201, body: await createReferenceFromUpload(deps.stems, { userId: user.id, projectId, filename, upload }) };
  });
}
