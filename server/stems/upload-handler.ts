import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../lib/errors';
import { handleRawUpload, type RawUploadDeps } from '../http/raw-upload';
import { receiveUpload } from './receive-upload';
import { authorizeStemUpload, createStemFromUpload, type StemContext } from './stems';
import { controlCharsMessage, hasControlChars } from '../../lib/names';

const UPLOAD_PATH = /^\/api\/projects\/([A-Za-z0-9_-]{1,64})\/stems$/;
const TRACK_ID = /^.{1,64}$/su;

/** The project id when `req` is a stem upload (`POST /api/projects/:id/stems`), else undefined. */
export function matchStemUpload(req: IncomingMessage): string | undefined {
  if (req.method !== 'POST') return undefined;
  const url = new URL(req.url ?? '/', 'http://upload.invalid');
  return UPLOAD_PATH.exec(url.pathname)?.[1];
}

export interface StemUploadDeps extends RawUploadDeps {
  stems: StemContext;
  maxUploadBytes: number;
}

/** The upload's file name: percent-encoded UTF-8, one line (it becomes the track's name). */
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

/**
 * `POST /api/projects/:id/stems`, served by our own server before Next: Next's route handlers
 * would buffer or cut a multi-GB body. The body is the file itself, streamed to disk.
 */
export function handleStemUpload(req: IncomingMessage, res: ServerResponse, projectId: string, deps: StemUploadDeps): Promise<void> {
  return handleRawUpload(req, res, deps, async (user) => {
    const trackId = new URL(req.url ?? '/', 'http://upload.invalid').searchParams.get('trackId') ?? undefined;
    if (trackId !== undefined && !TRACK_ID.test(trackId)) {
      throw new AppError('invalid_input', { message: 'trackId must be 1-64 characters', details: { field: 'trackId' } });
    }
    const filename = decodeFilename(req.headers['x-filename']);
    // Refused before a byte of the body is read.
    await authorizeStemUpload(deps.stems, { userId: user.id, projectId, trackId });
    const upload = await receiveUpload(req, { tmpDir: deps.stems.tmpDir, maxBytes: deps.maxUploadBytes });
    return { status: 201, body: await createStemFromUpload(deps.stems, { userId: user.id, projectId, trackId, filename, upload }) };
  });
}
