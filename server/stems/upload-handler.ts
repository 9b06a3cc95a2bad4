import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import { AppError, isAppError } from '../../lib/errors';
import type { Logger } from '../log';
import type { Services } from '../services/create-services';
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

export interface StemUploadDeps {
  stems: StemContext;
  services: Services;
  publicUrl: string;
  maxUploadBytes: number;
  log: Logger;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify(body));
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
export async function handleStemUpload(req: IncomingMessage, res: ServerResponse, projectId: string, deps: StemUploadDeps): Promise<void> {
  try {
    const headers = fromNodeHeaders(req.headers);
    const auth = await deps.services.authenticate(headers);
    if (!auth) throw new AppError('unauthenticated', { message: 'sign in first, or send Authorization: Bearer <token>' });
    if (auth.via === 'session' && req.headers.origin !== deps.publicUrl) {
      throw new AppError('forbidden', { message: 'cross-site upload refused: the Origin header must be this app' });
    }
    const trackId = new URL(req.url ?? '/', 'http://upload.invalid').searchParams.get('trackId') ?? undefined;
    if (trackId !== undefined && !TRACK_ID.test(trackId)) {
      throw new AppError('invalid_input', { message: 'trackId must be 1-64 characters', details: { field: 'trackId' } });
    }
    const filename = decodeFilename(req.headers['x-filename']);
    // Refused before a byte of the body is read.
    await authorizeStemUpload(deps.stems, { userId: auth.user.id, projectId, trackId });
    const upload = await receiveUpload(req, { tmpDir: deps.stems.tmpDir, maxBytes: deps.maxUploadBytes });
    const created = await createStemFromUpload(deps.stems, { userId: auth.user.id, projectId, trackId, filename, upload });
    send(res, 201, created);
  } catch (err) {
    if (isAppError(err)) {
      const body: Record<string, unknown> = { code: err.code, message: err.userMessage };
      if (typeof err.details?.field === 'string') body.field = err.details.field;
      send(res, err.status, { error: body });
    } else {
      deps.log.error({ err, projectId }, 'stem upload failed');
      send(res, 500, { error: { code: 'internal', message: 'internal error' } });
    }
  }
}
