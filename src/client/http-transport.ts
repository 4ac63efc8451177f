// The Transport over HTTPS, for components in another process (simulated
// nodes added to a running cluster; the node agent of a joined machine):
// one HTTP/2 session with the client certificate from a kubeconfig, JSON
// bodies, Status errors turned back into ApiError, watches read line by
// line. A session that drops is opened again on the next request.
import fs from 'node:fs';
import http2 from 'node:http2';
import { parse } from 'yaml';
import { ApiError } from '../apiserver/status.js';
import type { ApiRequest, Query, Transport, WatchEvent, WatchStream } from './transport.js';

export interface Credentials {
  server: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** The current context's server and client certificate from a kubeconfig file with embedded data. */
export function credentialsFrom(kubeconfigFile: string): Credentials {
  const config = parse(fs.readFileSync(kubeconfigFile, 'utf8')) as {
    'current-context'?: string;
    contexts?: { name: string; context: { cluster: string; user: string } }[];
    clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
    users?: { name: string; user: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
  };
  const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
  const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const user = config.users?.find((u) => u.name === context?.user)?.user;
  const data = (value: string | undefined, what: string) => {
    if (!value) throw new Error(`${kubeconfigFile}: the current context has no ${what} (embedded *-data fields are needed)`);
    return Buffer.from(value, 'base64');
  };
  if (!cluster?.server) throw new Error(`${kubeconfigFile}: the current context names no cluster server`);
  return {
    server: cluster.server,
    ca: data(cluster['certificate-authority-data'], 'certificate-authority-data'),
    cert: data(user?.['client-certificate-data'], 'client-certificate-data'),
    key: data(user?.['client-key-data'], 'client-key-data'),
  };
}

const REQUEST_TIMEOUT_MS = 30_000;
const PING_INTERVAL_MS = 15_000;

function pathWithQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The Status a server answered with, as the ApiError it stands for. */
function toApiError(status: number, body: string): ApiError {
  try {
    const s = JSON.parse(body) as { reason?: ApiError['reason']; message?: string; details?: ApiError['details'] };
    return new ApiError(status, s.reason ?? 'InternalError', s.message ?? body, s.details);
  } catch {
    return new ApiError(status, 'InternalError', body || `HTTP ${status}`);
  }
}

export class HttpTransport implements Transport {
  private session: http2.ClientHttp2Session | undefined;

  constructor(
    private readonly credentials: Credentials,
    private readonly userAgent: string,
  ) {}

  /** Ends the session (and with it any watch still open). */
  close(): void {
    this.session?.close();
  }

  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const { server, ca, cert, key } = this.credentials;
    const session = http2.connect(server, { ca, cert, key });
    session.on('error', () => session.destroy());
    // A connection that silently died would hold every watch and heartbeat forever: ping it, and drop it when no answer comes.
    let unanswered = false;
    const keepalive = setInterval(() => {
      if (unanswered) return session.destroy();
      unanswered = true;
      session.ping((err) => {
        unanswered = false;
        if (err) session.destroy();
      });
    }, PING_INTERVAL_MS);
    keepalive.unref();
    session.once('close', () => clearInterval(keepalive));
    this.session = session;
    return session;
  }

  /** `hasBody`: Node ends GET and DELETE streams at once unless told a body follows (a DELETE carries DeleteOptions). */
  private open(method: string, path: string, contentType = 'application/json', hasBody = false): http2.ClientHttp2Stream {
    return this.connect().request(
      {
        ':method': method,
        ':path': path,
        'content-type': contentType,
        accept: 'application/json',
        'user-agent': this.userAgent,
      },
      { endStream: !hasBody },
    );
  }

  request(req: ApiRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const stream = this.open(req.method, pathWithQuery(req.path, req.query), req.contentType, req.body !== undefined);
      let status = 0;
      const chunks: Buffer[] = [];
      stream.setTimeout(REQUEST_TIMEOUT_MS, () => stream.close(http2.constants.NGHTTP2_CANCEL));
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('error', reject);
      stream.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (status >= 400) return reject(toApiError(status, body));
        try {
          resolve(body ? JSON.parse(body) : undefined);
        } catch (err) {
          reject(err);
        }
      });
      // Closed without an answer (timed out, connection lost): a settled promise ignores this.
      stream.on('close', () => reject(new ApiError(504, 'Timeout', `${req.method} ${req.path}: no answer from ${this.credentials.server}`)));
      stream.end(req.body === undefined ? undefined : JSON.stringify(req.body));
    });
  }

  watch(path: string, query: Query): WatchStream {
    let stream: http2.ClientHttp2Stream | undefined;
    let closed = false;
    const open = () => this.open('GET', pathWithQuery(path, { ...query, watch: 'true' }));
    return {
      close() {
        closed = true;
        stream?.close();
      },
      async *[Symbol.asyncIterator]() {
        if (closed) return;
        stream = open();
        let status = 0;
        stream.on('response', (headers) => (status = Number(headers[':status'])));
        let buffered = '';
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            buffered += chunk.toString('utf8');
            if (status >= 400) continue;
            let nl: number;
            while ((nl = buffered.indexOf('\n')) >= 0) {
              const line = buffered.slice(0, nl);
              buffered = buffered.slice(nl + 1);
              if (line.trim()) yield JSON.parse(line) as WatchEvent;
            }
          }
        } catch (err) {
          if (!closed) throw err;
        }
        if (status >= 400) throw toApiError(status, buffered);
      },
    };
  }
}
