// How a component reaches the API: a request by method and path, answered
// with the decoded object or an ApiError, and watches as streams of events.
// In the server process the transport calls the API's own handlers
// (admission, validation, strategies — everything but the socket); a node
// on another machine will use the same interface over HTTPS.
import type { Handlers } from '../apiserver/handlers.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { ApiError } from '../apiserver/status.js';
import { WatcherTooSlowError } from '../storage/errors.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  contentType?: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface WatchStream extends AsyncIterable<WatchEvent> {
  close(): void;
}

export interface Transport {
  /** The response body; failures throw ApiError as the server answered them. */
  request(req: ApiRequest): Promise<unknown>;
  watch(path: string, query: Query): WatchStream;
}

function url(path: string, query: Query = {}): URL {
  const u = new URL(path, 'https://in-process');
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u;
}

export class InProcessTransport implements Transport {
  /** `userAgent` names the component, as its field manager and in logs. */
  constructor(
    private readonly handlers: Handlers,
    private readonly userAgent: string,
  ) {}

  private call(method: string, path: string, query: Query | undefined, body: unknown, contentType: string) {
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
    return this.handlers.handle({
      method,
      url: url(path, query),
      headers: { 'content-type': contentType, accept: 'application/json', 'user-agent': this.userAgent },
      body: async () => payload,
    });
  }

  async request(req: ApiRequest): Promise<unknown> {
    const reply = await this.call(req.method, req.path, req.query, req.body, req.contentType ?? 'application/json');
    if ('stream' in reply) {
      reply.close();
      throw new ApiError(500, 'InternalError', `${req.method} ${req.path} answered with a stream`);
    }
    return reply.body;
  }

  watch(path: string, query: Query): WatchStream {
    let closed = false;
    let closeReply: (() => void) | undefined;
    const call = () => this.call('GET', path, { ...query, watch: 'true' }, undefined, 'application/json');
    return {
      close() {
        closed = true;
        closeReply?.();
      },
      async *[Symbol.asyncIterator]() {
        const reply = await call();
        if (!('stream' in reply)) throw new ApiError(500, 'InternalError', `watch of ${path} answered without a stream`);
        closeReply = reply.close;
        if (closed) reply.close();
        try {
          yield* reply.stream as AsyncIterable<WatchEvent>;
        } catch (err) {
          // A watcher that fell behind is ended quietly, as the HTTP server ends it: the informer resumes from its last version.
          if (!(err instanceof WatcherTooSlowError)) throw err;
        }
      },
    };
  }
}
