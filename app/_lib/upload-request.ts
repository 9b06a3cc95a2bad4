import { ApiError, rateLimitMessage } from './api';

/** What an upload `XMLHttpRequest` failed with, in words: the server's message, or what went wrong on the way. */
export function uploadErrorMessage(xhr: XMLHttpRequest): string {
  if (xhr.status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (xhr.status === 429) {
    const retry = Number(xhr.getResponseHeader('x-retry-after') ?? xhr.getResponseHeader('retry-after'));
    return rateLimitMessage(Number.isFinite(retry) && retry >= 0 ? Math.ceil(retry) : undefined);
  }
  try {
    const message = (JSON.parse(xhr.responseText) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // Not JSON (a proxy's error page): fall through to the status.
  }
  return `The server answered ${xhr.status} ${xhr.statusText}`.trim();
}

/**
 * POSTs a file as the raw body of `url` (the uploads our server streams: stems, mixes) with
 * `XMLHttpRequest`, which reports upload progress where fetch does not. Resolves with the JSON
 * answer of a 201, rejects with an `ApiError` carrying the server's message and field.
 */
export function postFile<T>(url: string, file: File, headers: Record<string, string>, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (file.type) xhr.setRequestHeader('Content-Type', file.type);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          return resolve(JSON.parse(xhr.responseText) as T);
        } catch (err) {
          return reject(new ApiError(xhr.status, 'invalid_response', `the server's answer is not JSON: ${String(err)}`));
        }
      }
      let code = `http_${xhr.status}`;
      let field: string | undefined;
      try {
        const error = (JSON.parse(xhr.responseText) as { error?: { code?: string; field?: string } }).error;
        code = error?.code ?? code;
        field = error?.field;
      } catch {
        // Not JSON: the status says it.
      }
      reject(new ApiError(xhr.status, code, uploadErrorMessage(xhr), field));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', uploadErrorMessage(xhr)));
    xhr.send(file);
  });
}
