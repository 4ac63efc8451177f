// The pod subresources that reach through to the pod's node: log (a
// stream of the container's output) and exec, attach and portforward
// (upgraded connections carried to the runtime's streaming server, as
// upstream's API server carries them to the kubelet). The API server
// checks the request against the pod; the node connection — the kubelet in
// this process, for the server's own node — finds the container.
import type http from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import net from 'node:net';
import { Writable, type Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Pod } from './registry/core/types.js';
import type { Resources } from './resources.js';
import { ApiError, errors } from './status.js';
import { dialSpdy, translateOptions, translateToSpdy, wantsStreamTranslation } from './stream-translator.js';

export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: Date;
  limitBytes?: number;
}

export type StreamKind = 'exec' | 'attach' | 'portforward';

/** How the API server reaches a node's kubelet. */
export interface NodeConnection {
  /** Writes a container's log; throws ApiError (BadRequest) when the container has none to show. */
  logs(pod: Pod, options: PodLogOptions, out: Writable, signal: AbortSignal): Promise<void>;
  /** A one-time URL on the node's streaming server for this session. */
  streamUrl(kind: StreamKind, pod: Pod, container: string, query: URLSearchParams): Promise<string>;
}

export class NodeConnections {
  private readonly nodes = new Map<string, NodeConnection>();

  register(node: string, connection: NodeConnection): void {
    this.nodes.set(node, connection);
  }

  unregister(node: string): void {
    this.nodes.delete(node);
  }

  get(node: string): NodeConnection | undefined {
    return this.nodes.get(node);
  }
}

interface PodStreamTarget {
  namespace: string;
  name: string;
  kind: 'log' | StreamKind;
}

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(log|exec|attach|portforward)$/;

/** The pod stream a URL names, if it names one. */
export function podStreamTarget(pathname: string): PodStreamTarget | undefined {
  const m = PATH.exec(pathname);
  return m ? { namespace: decodeURIComponent(m[1]!), name: decodeURIComponent(m[2]!), kind: m[3] as PodStreamTarget['kind'] } : undefined;
}

function integer(q: URLSearchParams, name: string, min: number): number | undefined {
  const text = q.get(name);
  if (text === null || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw errors.badRequest(`${name}: Invalid value: "${text}": must be an integer`);
  if (n < min) throw errors.badRequest(`PodLogOptions "" is invalid: ${name}: Invalid value: ${n}: must be greater than or equal to ${min}`);
  return n;
}

const flag = (q: URLSearchParams, name: string) => q.get(name) === 'true' || q.get(name) === '1';

/** The container a request means: the one named, or the only one (upstream's words otherwise). */
export function chooseContainer(pod: Pod, named: string | null): string {
  const names = pod.spec.containers.map((c) => c.name);
  const init = (pod.spec.initContainers ?? []).map((c) => c.name);
  if (!named) {
    if (names.length === 1) return names[0]!;
    const initPart = init.length ? ` or one of the init containers: [${init.join(' ')}]` : '';
    throw errors.badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]${initPart}`);
  }
  if (!names.includes(named) && !init.includes(named)) throw errors.badRequest(`container ${named} is not valid for pod ${pod.metadata.name}`);
  return named;
}

export function parseLogOptions(pod: Pod, q: URLSearchParams): PodLogOptions {
  const sinceTimeText = q.get('sinceTime');
  const sinceSeconds = integer(q, 'sinceSeconds', 1);
  if (sinceTimeText && sinceSeconds !== undefined) throw errors.badRequest('PodLogOptions "" is invalid: sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const sinceTime = sinceTimeText ? new Date(sinceTimeText) : undefined;
  if (sinceTime && Number.isNaN(sinceTime.getTime())) throw errors.badRequest(`sinceTime: Invalid value: "${sinceTimeText}": must be an RFC 3339 time`);
  return {
    container: chooseContainer(pod, q.get('container')),
    follow: flag(q, 'follow'),
    previous: flag(q, 'previous'),
    timestamps: flag(q, 'timestamps'),
    tailLines: integer(q, 'tailLines', 0),
    sinceSeconds,
    sinceTime,
    limitBytes: integer(q, 'limitBytes', 1),
  };
}

export class PodStreams {
  /** Accepts kubectl's port-forward tunnel: the sub-protocol is the SPDY one it offered. */
  private readonly websockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => [...offered].find((p) => p.startsWith('SPDY/3.1+')) ?? false });

  constructor(
    private readonly resources: Resources,
    readonly nodes: NodeConnections,
  ) {}

  private async podAndNode(target: PodStreamTarget): Promise<{ pod: Pod; node: NodeConnection }> {
    const pods = this.resources.find('', 'v1', 'pods')!;
    const pod = (await pods.get(target.namespace, target.name)) as unknown as Pod;
    const nodeName = pod.spec.nodeName;
    if (!nodeName) throw errors.badRequest(`pod ${target.name} does not have a host assigned`);
    const node = this.nodes.get(nodeName);
    if (!node) throw errors.badRequest(`no connection to node "${nodeName}" (its agent is not connected to this server)`);
    return { pod, node };
  }

  /** GET pods/NAME/log: the container's output as text/plain, streamed while following. */
  async serveLog(target: PodStreamTarget, url: URL, res: http.ServerResponse | Http2ServerResponse, closed: AbortSignal): Promise<void> {
    const { pod, node } = await this.podAndNode(target);
    const options = parseLogOptions(pod, url.searchParams);
    // Headers go out with the first bytes, so an error found before any output is still a Status.
    let started = false;
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!started) {
          started = true;
          res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-cache, private' });
        }
        (res as Writable).write(chunk, () => done());
      },
    });
    await node.logs(pod, options, out, closed);
    if (!started) res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-cache, private' });
    res.end();
  }

  /** An upgrade request for exec/attach/portforward: carried to the node's streaming server. */
  async serveUpgrade(target: PodStreamTarget, req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (target.kind === 'log') throw errors.badRequest('log does not upgrade');
    const { pod, node } = await this.podAndNode(target);
    const url = new URL(req.url!, 'https://peapod');
    const container = target.kind === 'portforward' ? '' : chooseContainer(pod, url.searchParams.get('container'));
    const upstream = new URL(await node.streamUrl(target.kind, pod, container, url.searchParams));
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    if (req.headers.upgrade?.toLowerCase() === 'websocket' && protocols.some((p) => p.startsWith('SPDY/3.1+'))) {
      // kubectl ≥ 1.31 port-forward: SPDY framing tunnelled in WebSocket binary messages. Unwrapped here, so the
      // runtime's streaming server sees the plain SPDY connection it speaks.
      await this.tunnelSpdy(req, socket, head, upstream, protocols.find((p) => p.startsWith('SPDY/3.1+'))!);
      return;
    }
    if (target.kind !== 'portforward' && wantsStreamTranslation(req)) {
      // kubectl ≥ 1.30 exec/attach: v5 WebSocket from the client, SPDY to the runtime (upstream's stream translator),
      // so stdin closing reaches the command.
      await translateToSpdy(req, socket, head, upstream, translateOptions(url.searchParams));
      return;
    }
    proxyUpgrade(req, socket, head, upstream);
  }

  private async tunnelSpdy(req: http.IncomingMessage, socket: Duplex, head: Buffer, upstream: URL, protocol: string): Promise<void> {
    const subprotocol = protocol.slice('SPDY/3.1+'.length);
    const backend = await dialSpdy(upstream, { offer: [subprotocol], accept: [subprotocol] });
    // Whatever ends first — the client, a refused handshake, the backend — ends both.
    socket.once('close', () => backend.socket.destroy());
    backend.socket.on('error', () => socket.destroy());
    this.websockets.handleUpgrade(req, socket, head, (ws) => {
      if (backend.head.length) ws.send(backend.head);
      backend.socket.on('data', (chunk: Buffer) => ws.send(chunk));
      backend.socket.resume();
      ws.on('message', (data: Buffer) => backend.socket.write(data));
      ws.on('close', () => backend.socket.destroy());
      ws.on('error', () => {
        ws.terminate();
        backend.socket.destroy();
      });
      backend.socket.on('close', () => ws.close());
    });
  }
}

/**
 * Carries an upgrade to the streaming server byte for byte: SPDY/3.1 from
 * any kubectl (exec, attach, port-forward), and older WebSocket channel
 * protocols (v4 and before), which the runtime's server speaks itself.
 */
function proxyUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, target: URL): void {
  const headers = { ...req.headers, host: target.host };
  const backend = net.connect(Number(target.port), target.hostname);
  const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
  for (const [k, v] of Object.entries(headers)) for (const value of Array.isArray(v) ? v : [v]) if (value !== undefined) lines.push(`${k}: ${value}`);
  backend.once('connect', () => {
    backend.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length) backend.write(head);
    backend.pipe(socket);
    socket.pipe(backend);
  });
  const close = () => {
    backend.destroy();
    socket.destroy();
  };
  backend.on('error', close);
  socket.on('error', close);
  backend.on('close', () => socket.end());
  socket.on('close', () => backend.destroy());
}

/** Writes an error as an HTTP/1.1 response on a socket that asked to upgrade. */
export function rejectUpgrade(socket: Duplex, err: unknown): void {
  const apiError = err instanceof ApiError ? err : errors.internal(err);
  const body = JSON.stringify(apiError.toStatus());
  socket.end(
    `HTTP/1.1 ${apiError.code} ${apiError.reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
