// The HTTPS listener: HTTP/2 and HTTP/1.1 on one port, client-certificate
// authentication against the cluster's client CA, and the plumbing between
// Node's request objects and the handlers (bodies, JSON, watch streams).
import type { IncomingMessage } from 'node:http';
import http2 from 'node:http2';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { AdmissionOptions } from './admission.js';
import { Handlers, MAX_BODY_BYTES, type Reply } from './handlers.js';
import type { ClusterCertificates } from './pki.js';
import { kubernetesService, ServedServices } from './served-services.js';
import { NodeConnections, PodStreams, podStreamTarget, rejectUpgrade } from './pod-streams.js';
import type { Resources } from './resources.js';
import { WatcherTooSlowError } from '../storage/errors.js';
import { ApiError, errors } from './status.js';

export interface ApiServerOptions {
  resources: Resources;
  certs: ClusterCertificates;
  port: number;
  /** Address to listen on; all interfaces when unset. */
  host?: string;
  /** The address the `kubernetes` service's endpoints name (upstream's --advertise-address); none leaves them empty. */
  advertiseAddress?: string;
  log?: (message: string) => void;
  admission?: AdmissionOptions;
}

/** What /version answers: the Kubernetes version peapod's API follows. */
export const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0+peapod',
  gitCommit: '',
  gitTreeState: 'clean',
  buildDate: '2026-11-25T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'tsc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

type Req = http2.Http2ServerRequest;
type Res = http2.Http2ServerResponse;

function readBody(req: Req): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(errors.tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class ApiServer {
  private readonly server: http2.Http2SecureServer;
  private readonly openWatches = new Set<() => void>();
  private readonly sockets = new Set<TLSSocket>();
  /** The request handlers, for components in this process to call without a socket (see client/transport.ts). */
  handlers!: Handlers;
  /** The services this server backs itself: `kubernetes`, and any the caller adds (kube-dns). */
  readonly served: ServedServices;
  /** Logs, exec, attach and port-forward, carried to the pod's node. */
  private readonly podStreams: PodStreams;

  constructor(private readonly options: ApiServerOptions) {
    this.served = new ServedServices(options.resources, options.log ?? (() => {}));
    this.server = http2.createSecureServer(
      {
        allowHTTP1: true,
        key: options.certs.serving.key,
        cert: options.certs.serving.cert,
        ca: options.certs.clientCa.cert,
        requestCert: true,
        // Unauthenticated requests still arrive, to be answered 401 as upstream does.
        rejectUnauthorized: false,
      },
      (req, res) => void this.serve(req, res),
    );
    this.podStreams = new PodStreams(options.resources, new NodeConnections());
    // exec, attach and port-forward arrive as HTTP/1.1 upgrades (WebSocket or SPDY).
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head));
    this.server.on('secureConnection', (socket: TLSSocket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** The kubelets this server can reach, by node name. */
  get nodes(): NodeConnections {
    return this.podStreams.nodes;
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Node stops watching an upgraded socket's errors: a client that resets it while we are still setting up must not
    // become an uncaught exception.
    socket.on('error', () => socket.destroy());
    try {
      if (!(req.socket as TLSSocket).authorized) throw errors.unauthorized();
      const target = podStreamTarget(new URL(req.url ?? '/', 'https://peapod').pathname);
      if (!target) throw errors.badRequest('this endpoint does not upgrade');
      await this.podStreams.serveUpgrade(target, req, socket, head);
    } catch (err) {
      if (!(err instanceof ApiError)) this.options.log?.(`upgrade ${req.url}: ${(err as Error).stack ?? String(err)}`);
      rejectUpgrade(socket, err);
    }
  }

  /** Makes the default namespaces, repairs service allocations, listens, makes the `kubernetes` service, and resolves with the port in use. */
  async start(): Promise<number> {
    await this.options.resources.ensureDefaultNamespaces();
    await this.options.resources.repairServiceAllocations();
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    await this.served.keep(kubernetesService(this.options.resources.kubernetesIP, port, this.options.advertiseAddress));
    this.handlers = new Handlers(this.options.resources, VERSION, `${this.options.host ?? '0.0.0.0'}:${port}`, this.options.admission);
    return port;
  }

  async stop(): Promise<void> {
    this.served.stop();
    for (const close of this.openWatches) close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Idle HTTP/2 sessions and keep-alive connections would hold close() open.
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async serve(req: Req, res: Res): Promise<void> {
    try {
      const socket = req.socket as TLSSocket;
      if (!socket.authorized) throw errors.unauthorized();
      const url = new URL(req.url, 'https://peapod');
      const streamTarget = podStreamTarget(url.pathname);
      if (streamTarget) {
        if (streamTarget.kind !== 'log') throw errors.badRequest('Upgrade request required');
        if (req.method !== 'GET') throw errors.methodNotAllowed();
        const closed = new AbortController();
        res.once('close', () => closed.abort());
        await this.podStreams.serveLog(streamTarget, url, res, closed.signal);
        return;
      }
      const reply = await this.handlers.handle({
        method: req.method,
        url,
        headers: req.headers,
        body: () => readBody(req),
      });
      if ('stream' in reply) await this.stream(reply, req, res);
      else send(res, reply.status, reply.body, reply.contentType, reply.warnings);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : errors.internal(err);
      if (apiError.code >= 500) this.options.log?.(`${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) send(res, apiError.code, apiError.toStatus());
      else res.end();
    }
  }

  /** A watch: one JSON object per line, flushed as each event arrives, until either side closes. */
  private async stream(reply: Extract<Reply, { stream: unknown }>, req: Req, res: Res): Promise<void> {
    this.openWatches.add(reply.close);
    req.on('close', reply.close);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
    // Headers would otherwise wait for the first event, and clients wait for them to start watching.
    if ('flushHeaders' in res) (res as unknown as { flushHeaders(): void }).flushHeaders();
    else res.write('');
    try {
      for await (const event of reply.stream) {
        if (res.destroyed) break;
        if (!res.write(JSON.stringify(event) + '\n')) await writable(res);
      }
    } catch (err) {
      // A watcher that fell behind just ends, as upstream ends it: the client watches again from where it was.
      if (!(err instanceof WatcherTooSlowError) && !res.destroyed) {
        const apiError = err instanceof ApiError ? err : errors.internal(err);
        res.write(JSON.stringify({ type: 'ERROR', object: apiError.toStatus() }) + '\n');
      }
    } finally {
      this.openWatches.delete(reply.close);
      res.end();
    }
  }
}

/** Resolves when the response can take more, or is gone (a peer that left never drains). */
function writable(res: Res): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      res.off('error', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
    res.once('error', done);
  });
}

function send(res: Res, status: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'content-type': contentType, 'cache-control': 'no-cache, private' };
  // RFC 7234 warning headers, as upstream sends them: `299 - "text"`.
  if (warnings.length) headers.warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(status, headers);
  res.end(text);
}
