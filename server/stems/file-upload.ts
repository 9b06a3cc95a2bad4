import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../lib/errors';
import { controlCharsMessage, hasControlChars } from '../../lib/names';
import { handleRawUpload, type RawUploadDeps } from '../http/raw-upload';
import type { AuthenticatedUser } from '../services/tokens/api-tokens';
import { receiveUpload, type ReceivedUpload } from './receive-upload';
import type { StemContext } from './stems';

export interface FileUploadDeps extends RawUploadDeps {
  stems: StemContext;
  maxUploadBytes: number;
}

/** The id captured by `path` when `req` is a POST to it (the empty string when it captures nothing), else undefined. */
export function matchUploadPath(req: IncomingMessage, path: RegExp): string | undefined {
  if (req.method !== 'POST') return undefined;
  const match = path.exec(new URL(req.url ?? '/', 'http://upload.invalid').pathname);
  return match ? (match[1] ?? '') : undefined;
}

/** A name sent in a header: percent-encoded UTF-8, one line, 1-`maxChars` characters. */
export function decodeNameHeader(req: IncomingMessage, header: string, maxChars = 500): string {
  const value = req.headers[header.toLowerCase()];
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) throw new AppError('invalid_input', { message: `${header} is missing: send the name, percent-encoded UTF-8`, details: { field: header } });
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch (err) {
    throw new AppError('invalid_input', { message: `${header} is not valid percent-encoded UTF-8`, cause: err, details: { field: header } });
  }
  if (name.trim() === '' || name.length > maxChars) throw new AppError('invalid_input', { message: `${header} must be 1-${maxChars} characters`, details: { field: header } });
  if (hasControlChars(name)) throw new AppError('invalid_input', { message: controlCharsMessage(header), details: { field: header } });
  return name;
}

/**
 * An upload whose body is one audio file, served by our own server before Next (Next's route
 * handlers would buffer or cut a multi-GB body): `authorize` refuses what it can before a byte of
 * the body is read (it also reads the request's headers and query), then the body is streamed to
 * a scratch file and `store` makes what it is for (201 with its answer).
 */
export function handleFileUpload<G>(
  req: IncomingMessage,
  res: ServerResponse,
  deps: FileUploadDeps,
  steps: {
    authorize: (user: AuthenticatedUser) => Promise<G>;
    store: (user: AuthenticatedUser, upload: ReceivedUpload, granted: G) => Promise<unknown>;
  },
): Promise<void> {
  return handleRawUpload(req, res, deps, async (user) => {
    const granted = await steps.authorize(user);
    const upload = await receiveUpload(req, { tmpDir: deps.stems.tmpDir, maxBytes: deps.maxUploadBytes });
    return { status: 201, body: await steps.store(user, upload, granted) };
  });
}
