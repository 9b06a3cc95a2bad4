import http from 'node:http';

export interface NodeXhrOptions {
  /** Where relative URLs point: the test app's `url`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`, as a script would (browsers send their cookie instead). */
  token?: string;
  /**
   * Bytes written per chunk of a request body: each one is an upload progress event.
   * @default 65536
   */
  chunkBytes?: number;
}

type Handler = ((event: ProgressEvent) => void) | null;

/**
 * The part of `XMLHttpRequest` that upload code uses, over Node's `http`, so that code written for
 * the browser can send real requests to a real server in a Node test: `open`, `setRequestHeader`,
 * `send(File | Blob)` streamed in chunks with `upload.onprogress` after each and `upload.onload`
 * when the body is out, then `onload` with `status`, `statusText`, `responseText` and
 * `getResponseHeader`; `onerror` with status 0 when the connection fails; `abort()` destroys the
 * request and, as in a browser, fires neither `onload` nor `onerror`, and `readyState` is 0 again.
 */
export class NodeXhr {
  /** 0 unsent (and after `abort`), 1 opened, 4 done (loaded or failed), as XMLHttpRequest's. */
  readyState = 0;
  status = 0;
  statusText = '';
  responseText = '';
  readonly upload: { onprogress: Handler; onload: Handler } = { onprogress: null, onload: null };
  onload: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: http.IncomingHttpHeaders = {};
  private request: http.ClientRequest | null = null;
  private aborted = false;

  constructor(private readonly options: NodeXhrOptions) {
    if (options.token) this.headers.authorization = `Bearer ${options.token}`;
  }

  open(method: string, url: string): void {
    this.method = method;
    this.url = new URL(url, this.options.baseUrl).toString();
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  getResponseHeader(name: string): string | null {
    const value = this.responseHeaders[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  abort(): void {
    this.aborted = true;
    this.readyState = 0;
    this.request?.destroy();
  }

  send(body: Blob): void {
    const total = body.size;
    const request = http.request(this.url, { method: this.method, headers: { ...this.headers, 'content-length': String(total) } });
    this.request = request;
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (this.aborted) return;
        this.readyState = 4;
        this.status = res.statusCode ?? 0;
        this.statusText = res.statusMessage ?? '';
        this.responseHeaders = res.headers;
        this.responseText = Buffer.concat(chunks).toString('utf8');
        this.onload?.(event(total, total));
      });
    });
    request.on('error', () => {
      if (this.aborted) return;
      this.readyState = 4;
      this.status = 0;
      this.onerror?.(event(0, total));
    });
    void this.write(request, body, total);
  }

  private async write(request: http.ClientRequest, body: Blob, total: number): Promise<void> {
    const chunkBytes = this.options.chunkBytes ?? 65_536;
    let loaded = 0;
    for (let at = 0; at < total; at += chunkBytes) {
      const chunk = Buffer.from(await body.slice(at, at + chunkBytes).arrayBuffer());
      if (this.aborted || request.destroyed) return;
      await new Promise<void>((resolve) => request.write(chunk, () => resolve()));
      if (this.aborted) return;
      loaded += chunk.length;
      this.upload.onprogress?.(event(loaded, total));
    }
    request.end(() => {
      if (!this.aborted) this.upload.onload?.(event(total, total));
    });
  }
}

function event(loaded: number, total: number): ProgressEvent {
  return { lengthComputable: true, loaded, total } as ProgressEvent;
}

/**
 * `createRequest` for code that takes an XMLHttpRequest factory (the upload queue); `made`, when
 * given, collects every request made, for a test to look at.
 */
export function nodeXhrFactory(options: NodeXhrOptions, made?: NodeXhr[]): () => XMLHttpRequest {
  return () => {
    const xhr = new NodeXhr(options);
    made?.push(xhr);
    return xhr as unknown as XMLHttpRequest;
  };
}
