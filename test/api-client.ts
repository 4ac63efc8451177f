// Raw HTTP/2 requests to a test cluster with the admin's client certificate,
// for what kubectl cannot send (oversized bodies, raw watch streams).
import http2 from 'node:http2';
import type { TestContext } from 'node:test';
import { credentialsFrom } from '../src/client/http-transport.js';

export interface RawReply {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

export interface ApiClient {
  request(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<RawReply>;
  /** Streams a watch; resolves with its lines once the server ends it. */
  watch(path: string, onLine?: (line: string) => void): Promise<string[]>;
}

export function apiClient(t: TestContext, kubeconfig: string): ApiClient {
  const { server, ca, cert, key } = credentialsFrom(kubeconfig);
  const session = http2.connect(server, { ca, cert, key });
  t.after(() => session.close());
  const open = (method: string, path: string, headers: Record<string, string> = {}) =>
    session.request({ ':method': method, ':path': path, 'content-type': 'application/json', ...headers });
  return {
    request: (method, path, body, headers) =>
      new Promise((resolve, reject) => {
        const stream = open(method, path, headers);
        let replyHeaders: http2.IncomingHttpHeaders = {};
        let data = '';
        stream.on('response', (h) => (replyHeaders = h));
        stream.on('data', (d: Buffer) => (data += d));
        stream.on('end', () => resolve({ status: Number(replyHeaders[':status']), headers: replyHeaders, body: data }));
        stream.on('error', reject);
        stream.end(body);
      }),
    watch: (path, onLine) =>
      new Promise((resolve, reject) => {
        const stream = open('GET', path);
        const lines: string[] = [];
        let buffered = '';
        stream.on('data', (d: Buffer) => {
          buffered += d;
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            lines.push(line);
            onLine?.(line);
          }
        });
        stream.on('end', () => resolve(lines));
        stream.on('error', reject);
        stream.end();
      }),
  };
}
