// Container probes as upstream's kubelet runs them (pkg/kubelet/prober,
// pkg/probe/{exec,http,tcp,grpc}): one attempt of a probe's action, and a
// worker per container and probe kind that applies the thresholds. The
// texts that end up in Unhealthy events are upstream's, which are Go's
// error strings, so Node's errors are rewritten in Go's words.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import * as grpc from '@grpc/grpc-js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface ProbeOutcome {
  result: 'success' | 'failure' | 'warning';
  /** Upstream's text: what follows "Liveness probe failed: " (or "... probe warning: ", "... resulted in unknown state: "). */
  message: string;
  /**
   * Set when the probe could not be run at all (upstream's prober returns an
   * error beside the result: a named port that does not exist, an exec the
   * runtime refused, a body that could not be read). The value is the state
   * upstream names in its event; `result` is then 'failure'. The worker
   * retries such an attempt and then ignores it, as upstream's does.
   */
  error?: 'unknown' | 'failure';
}

export interface ProbeContext {
  podIP: string;
  /** the container's ports, for named ports */
  ports: { name?: string; containerPort: number }[];
  /** runs a command in the container (CRI ExecSync) with a timeout; resolves with exit code and combined output */
  exec(command: string[], timeoutSeconds: number): Promise<{ exitCode: number; output: string }>;
  /** the container's env, for $(VAR) in an exec probe's command (upstream expands static values only) */
  env?: { name: string; value?: string }[];
}

/** Upstream's API defaults for a probe (pkg/apis/core/v1/defaults.go SetDefaults_Probe). */
export const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } as const;
/** What a v1.32 kubelet sends as User-Agent (kube-probe/<major>.<minor>). */
export const PROBE_USER_AGENT = 'kube-probe/1.32';
const MAX_READ = 10 * 1024; // upstream reads at most 10 KiB of a response body or of exec output
const MAX_RETRIES = 3; // upstream's maxProbeRetries: only attempts that errored are retried, at once
const REDIRECTS = new Set([301, 302, 303, 307, 308]); // the ones Go's client follows

const success = (message: string): ProbeOutcome => ({ result: 'success', message });
const failure = (message: string): ProbeOutcome => ({ result: 'failure', message });
const errored = (state: 'unknown' | 'failure', message: string): ProbeOutcome => ({ result: 'failure', message, error: state });

/** "Liveness", "Readiness", "Startup": how upstream names a probe kind in events. */
export function probeKindName(kind: ProbeKind): string {
  return kind[0]!.toUpperCase() + kind.slice(1);
}

/** The event upstream records for an attempt (none for a plain success). */
export function probeEvent(kind: ProbeKind, outcome: ProbeOutcome): { reason: 'Unhealthy' | 'ProbeWarning'; message: string } | undefined {
  const name = probeKindName(kind);
  if (outcome.error) return { reason: 'Unhealthy', message: `${name} probe errored and resulted in ${outcome.error} state: ${outcome.message}` };
  if (outcome.result === 'failure') return { reason: 'Unhealthy', message: `${name} probe failed: ${outcome.message}` };
  if (outcome.result === 'warning') return { reason: 'ProbeWarning', message: `${name} probe warning: ${outcome.message}` };
  return undefined;
}

/** One probe attempt (no thresholds). Never rejects: whatever goes wrong is an outcome. */
export async function runProbe(probe: Probe, context: ProbeContext): Promise<ProbeOutcome> {
  const timeoutMs = positive(probe.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds) * 1000;
  try {
    if (probe.exec) return await execProbe(expandCommand(probe.exec.command ?? [], context.env ?? []), timeoutMs, context);
    if (probe.httpGet) return await httpProbe(probe.httpGet, context, timeoutMs);
    if (probe.tcpSocket) return await tcpProbe(probe.tcpSocket.host || context.podIP, resolvePort(probe.tcpSocket.port, context.ports), timeoutMs);
    if (probe.grpc) return await grpcProbe(context.podIP, probe.grpc.port, probe.grpc.service ?? '', timeoutMs);
    return errored('unknown', 'missing probe handler');
  } catch (err) {
    return errored('unknown', (err as Error).message);
  }
}

// ---- exec

async function execProbe(command: string[], timeoutMs: number, context: ProbeContext): Promise<ProbeOutcome> {
  // The CRI client turns ExecSync's DeadlineExceeded into this text, and the exec prober makes it a failure.
  const timedOut = failure(`command ${goQuote(command.join(' '))} timed out`);
  const run = context.exec(command, timeoutMs / 1000).then(
    ({ exitCode, output }) => {
      const text = Buffer.from(output).subarray(0, MAX_READ).toString();
      return exitCode === 0 ? success(text) : failure(text);
    },
    (err: { code?: unknown; name?: string }) => {
      if (err?.code === grpc.status.DEADLINE_EXCEEDED || err?.name === 'TimeoutError') return timedOut;
      throw err;
    },
  );
  run.catch(() => {}); // it may settle after the deadline has answered
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** $(VAR) from the container's env, $$ for a literal $; unknown references stay as written (upstream's expansion). */
function expandCommand(command: string[], env: { name: string; value?: string }[]): string[] {
  const values = new Map(env.map((e) => [e.name, e.value ?? '']));
  return command.map((arg) => arg.replace(/\$\$|\$\(([^)]*)\)/g, (match, name?: string) => (match === '$$' ? '$' : (values.get(name!) ?? match))));
}

// ---- httpGet

type Headers = Record<string, string[]>;

async function httpProbe(get: NonNullable<Probe['httpGet']>, context: ProbeContext, timeoutMs: number): Promise<ProbeOutcome> {
  const scheme = (get.scheme || 'HTTP').toLowerCase();
  const origin = `${scheme}://${joinHostPort(get.host || context.podIP, resolvePort(get.port, context.ports))}`;
  const path = get.path || '/'; // the API defaults it so; Go prints the URL with the slash anyway
  let url = new URL(origin + (path.startsWith('/') ? path : `/${path}`));
  // Go prints the URL as built, keeping a default port that WHATWG's href would drop.
  let shown = origin + url.pathname + url.search + url.hash;
  const headers = probeHeaders(get.httpHeaders ?? []);
  let host = headers.Host?.[0] || undefined;
  const deadline = Date.now() + timeoutMs; // Go's Client.Timeout covers redirects and the body too

  for (let requests = 1; ; requests++) {
    let reply: Reply;
    try {
      reply = await request(url, headers, host, deadline);
    } catch (err) {
      if (err instanceof BodyError) return errored('failure', err.message);
      return failure(`Get ${goQuote(shown)}: ${(err as Error).message}`);
    }
    const location = reply.location;
    if (REDIRECTS.has(reply.status) && location) {
      const next = new URL(location, url);
      // Upstream's checker: another host ends the chain (that response is the answer); more than ten is an error.
      if (next.hostname === url.hostname) {
        if (requests >= 10) return failure(`Get ${goQuote(location)}: stopped after 10 redirects`);
        const absolute = /^[a-z][a-z0-9+.-]*:/i.test(location);
        shown = absolute ? location : shown.slice(0, shown.indexOf('/', shown.indexOf('//') + 2)) + next.pathname + next.search + next.hash;
        if (absolute) host = undefined; // Go keeps a Host override only through relative redirects
        url = next;
        continue;
      }
    }
    if (reply.status >= 200 && reply.status < 400) {
      return reply.status >= 300 ? { result: 'warning', message: `Probe terminated redirects, Response body: ${reply.body}` } : success(reply.body);
    }
    // Upstream keeps the body out of this message on purpose (issue 99425).
    return failure(`HTTP probe failed with statuscode: ${reply.status}`);
  }
}

/** The request headers as upstream builds them: canonical names, kube-probe User-Agent and Accept: *\/* unless given. */
function probeHeaders(list: { name: string; value: string }[]): Headers {
  const headers: Headers = {};
  for (const { name, value } of list) (headers[canonicalHeader(name)] ??= []).push(value);
  headers['User-Agent'] ??= [PROBE_USER_AGENT];
  if (!headers.Accept) headers.Accept = ['*/*'];
  else if (headers.Accept[0] === '') delete headers.Accept; // an empty Accept removes it
  return headers;
}

/** Go's CanonicalMIMEHeaderKey: "x-custom-thing" → "X-Custom-Thing" (left alone if not a token). */
function canonicalHeader(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

interface Reply {
  status: number;
  location: string | undefined;
  body: string;
}
class BodyError extends Error {}

/** One GET, as Go's transport with keep-alives off and TLS unverified; rejects with Go's error text. */
function request(url: URL, headers: Headers, host: string | undefined, deadline: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new Error(`unsupported protocol scheme ${goQuote(url.protocol.slice(0, -1))}`));
      return;
    }
    const secure = url.protocol === 'https:';
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || (secure ? 443 : 80));
    const outgoing: http.OutgoingHttpHeaders = {};
    for (const [name, values] of Object.entries(headers)) {
      // Go writes User-Agent once (none if empty) and takes Host from the request, not the header map.
      if (name === 'Host') continue;
      if (name === 'User-Agent') {
        if (values[0]) outgoing[name] = values[0];
      } else outgoing[name] = values.length === 1 ? values[0] : values;
    }
    if (host) outgoing.Host = host;
    const options: https.RequestOptions = { host: hostname, port, path: url.pathname + url.search, headers: outgoing, agent: false };
    // Go sends SNI from the URL's host name (never an IP, never the Host header) and upstream skips verification.
    if (secure) Object.assign(options, { rejectUnauthorized: false, servername: net.isIP(hostname) ? '' : hostname });

    let phase: 'dial' | 'headers' | 'body' = 'dial';
    let local = '';
    let settled = false;
    const settle = (err: Error | undefined, reply?: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const req = (secure ? https : http).request(options);
    const timer = setTimeout(() => {
      if (phase === 'body') settle(new BodyError('context deadline exceeded (Client.Timeout or context cancellation while reading body)'));
      else if (phase === 'dial') settle(new Error(`dial tcp ${joinHostPort(hostname, port)}: i/o timeout (Client.Timeout exceeded while awaiting headers)`));
      else settle(new Error('context deadline exceeded (Client.Timeout exceeded while awaiting headers)'));
    }, Math.max(0, deadline - Date.now()));
    timer.unref();
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        phase = 'headers';
        local = joinHostPort(socket.localAddress ?? '', socket.localPort ?? 0);
      });
    });
    req.on('error', (err) => settle(new Error(httpErrorText(err, hostname, port, local))));
    req.on('response', (res) => {
      phase = 'body';
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => settle(undefined, { status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).subarray(0, MAX_READ).toString() });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_READ) done(); // upstream stops reading there; the rest is not its business
      });
      res.on('end', done);
      res.on('aborted', () => settle(new BodyError('unexpected EOF')));
      res.on('error', () => settle(new BodyError('unexpected EOF')));
    });
    req.end();
  });
}

function httpErrorText(err: NodeJS.ErrnoException & { rawPacket?: Buffer }, hostname: string, port: number, local: string): string {
  if (err.code === 'ECONNRESET' && err.message === 'socket hang up') return 'EOF'; // closed before any response
  if (err.code === 'ECONNRESET' && local) return `read tcp ${local}->${joinHostPort(hostname, port)}: read: connection reset by peer`;
  if (/wrong version number/.test(err.message)) return 'http: server gave HTTP response to HTTPS client'; // OpenSSL's EPROTO for a plain-text reply
  if (err.code?.startsWith('HPE_')) {
    const line = err.rawPacket ? err.rawPacket.toString('latin1').split('\n')[0]!.replace(/\r$/, '') : '';
    return `net/http: HTTP/1.x transport connection broken: malformed HTTP response ${goQuote(line)}`;
  }
  return dialErrorText(err, hostname, port);
}

// ---- tcpSocket

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(failure(`dial tcp ${joinHostPort(host, port)}: i/o timeout`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy(); // upstream only opens the connection, then closes it
      resolve(success(''));
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      resolve(failure(dialErrorText(err, host, port)));
    });
  });
}

/** Go's words for the errno a connect failed with (strerror, lower case). */
const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by peer',
  ECONNABORTED: 'software caused connection abort',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EADDRINUSE: 'address already in use',
  EHOSTDOWN: 'host is down',
  ENETDOWN: 'network is down',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EPIPE: 'broken pipe',
};

/** "dial tcp 10.42.0.5:8080: connect: connection refused", as Go's net.OpError prints it. */
function dialErrorText(err: NodeJS.ErrnoException & { address?: string; port?: number }, host: string, port: number): string {
  if (err.code === 'ENOTFOUND') return `dial tcp: lookup ${host}: no such host`;
  const text = ERRNO_TEXT[err.code ?? ''];
  if (!text) return err.message;
  const addr = joinHostPort(err.address ?? host, err.port ?? port);
  return err.syscall === 'connect' ? `dial tcp ${addr}: connect: ${text}` : `dial tcp ${addr}: ${text}`;
}

// ---- grpc (grpc.health.v1.Health/Check, encoded by hand: one string field out, one enum field back)

const HEALTH_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

async function grpcProbe(host: string, port: number, service: string, timeoutMs: number): Promise<ProbeOutcome> {
  const addr = joinHostPort(host, port);
  const within = goDuration(timeoutMs);
  const deadline = new Date(Date.now() + timeoutMs); // one deadline for connecting and the call, as upstream's context
  const client = new grpc.Client(addr, grpc.credentials.createInsecure(), { 'grpc.primary_user_agent': PROBE_USER_AGENT });
  try {
    // Upstream dials with WithBlock: a refused port is retried until the deadline.
    const unready = await new Promise<Error | undefined>((resolve) => client.waitForReady(deadline, resolve));
    if (unready) return failure(`timeout: failed to connect service ${goQuote(addr)} within ${within}: context deadline exceeded`);
    const request = Buffer.from(service);
    const encode = () => (request.length ? Buffer.concat([Buffer.from([0x0a]), varint(request.length), request]) : Buffer.alloc(0));
    const { err, status } = await new Promise<{ err: grpc.ServiceError | null; status?: number }>((resolve) =>
      client.makeUnaryRequest('/grpc.health.v1.Health/Check', encode, decodeHealthStatus, null, { deadline }, (err, status) => resolve({ err, status })),
    );
    if (err) {
      if (err.code === grpc.status.UNIMPLEMENTED) return failure(`error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${err.details}`);
      if (err.code === grpc.status.DEADLINE_EXCEEDED) return failure(`timeout: health rpc did not complete within ${within}`);
      return failure(`error: health rpc probe failed: rpc error: code = ${grpcCodeName(err.code)} desc = ${err.details}`);
    }
    if (status !== 1) return failure(`service unhealthy (responded with ${goQuote(HEALTH_STATUS[status ?? 0] ?? String(status))})`);
    return success('service healthy');
  } finally {
    client.close();
  }
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) bytes.push((n % 128) | 0x80);
  bytes.push(n);
  return Buffer.from(bytes);
}

/** Field 1 (status) of a HealthCheckResponse; 0 (UNKNOWN) when absent, as proto3 reads it. */
function decodeHealthStatus(buffer: Buffer): number {
  let at = 0;
  const read = () => {
    let value = 0;
    for (let shift = 1; at < buffer.length; shift *= 128) {
      const byte = buffer[at++]!;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) break;
    }
    return value;
  };
  let status = 0;
  while (at < buffer.length) {
    const tag = read();
    const wire = tag & 7;
    if (wire === 0) {
      const value = read();
      if (tag >> 3 === 1) status = value;
    } else if (wire === 2) at += read();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else break;
  }
  return status;
}

/** grpc-go's names for status codes: "Unavailable", "DeadlineExceeded"... */
function grpcCodeName(code: number): string {
  if (code === grpc.status.CANCELLED) return 'Canceled';
  const name = grpc.status[code];
  if (!name) return `Code(${code})`;
  return name.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

// ---- the worker

/** What a worker tells its caller. onWarning/onError/log are optional extras over upstream's event texts (see probeEvent). */
export interface ProbeCallbacks {
  /** The thresholded result changed. */
  onResult(result: 'success' | 'failure'): void;
  /** An attempt failed: upstream records `${Kind} probe failed: ${outcome.message}` (reason Unhealthy). */
  onFailure(outcome: ProbeOutcome): void;
  /** An attempt succeeded with a warning (redirect not followed): upstream records ProbeWarning `${Kind} probe warning: ...`. */
  onWarning?(outcome: ProbeOutcome): void;
  /** An attempt errored three times running and was ignored: upstream records Unhealthy `${Kind} probe errored and resulted in ${error} state: ...`. */
  onError?(outcome: ProbeOutcome): void;
  /** Where a callback's own exception is reported (the worker keeps going, as upstream's recovers). */
  log?(message: string): void;
}

/**
 * A worker per container and probe kind, as upstream's (worker.go): waits
 * initialDelaySeconds after the container started, then probes every
 * periodSeconds and counts consecutive results against the thresholds.
 * Readiness starts as failure, liveness as success, and startup unknown
 * (so its first thresholded result, either way, is reported). Once a
 * liveness probe turns failure, or a startup probe reaches any result,
 * upstream holds the worker until the container is replaced: this one
 * then stays idle until stop() (the caller restarts the container, or
 * starts liveness and readiness probing, with new workers).
 */
export class ProbeWorker {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  private onHold = false;
  private current: 'success' | 'failure' | undefined;
  private last: 'success' | 'failure' | undefined;
  private run = 0;

  constructor(
    readonly kind: ProbeKind,
    private readonly probe: Probe,
    private readonly context: ProbeContext,
    private readonly containerStartedAt: Date,
    private readonly callbacks: ProbeCallbacks,
  ) {
    this.current = kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : undefined;
  }

  /** The thresholded result so far (undefined: a startup probe that has not decided yet). */
  get result(): 'success' | 'failure' | undefined {
    return this.current;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const delayMs = (this.probe.initialDelaySeconds ?? 0) * 1000;
    this.schedule(this.containerStartedAt.getTime() + delayMs - Date.now());
  }

  /** No attempt starts and no callback is called after this (one in flight is dropped). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped || this.onHold) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, ms));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const began = Date.now();
    await this.attempt();
    // Like a ticker: the period runs from the start of the attempt, and a slow attempt delays the next one.
    this.schedule(positive(this.probe.periodSeconds, PROBE_DEFAULTS.periodSeconds) * 1000 - (Date.now() - began));
  }

  private async attempt(): Promise<void> {
    let outcome = await runProbe(this.probe, this.context);
    for (let tries = 1; outcome.error && tries < MAX_RETRIES && !this.stopped; tries++) outcome = await runProbe(this.probe, this.context);
    if (this.stopped) return;
    if (outcome.error) {
      this.call(() => this.callbacks.onError?.(outcome)); // upstream throws the result away: no counting
      return;
    }
    if (outcome.result === 'failure') this.call(() => this.callbacks.onFailure(outcome));
    if (outcome.result === 'warning') this.call(() => this.callbacks.onWarning?.(outcome));

    const result = outcome.result === 'failure' ? 'failure' : 'success'; // a warning counts as a success
    if (result === this.last) this.run++;
    else [this.last, this.run] = [result, 1];
    const threshold =
      result === 'failure'
        ? positive(this.probe.failureThreshold, PROBE_DEFAULTS.failureThreshold)
        : positive(this.probe.successThreshold, PROBE_DEFAULTS.successThreshold);
    if (this.run < threshold) return;

    const changed = result !== this.current;
    this.current = result;
    if (this.kind === 'startup' || (this.kind === 'liveness' && result === 'failure')) {
      this.onHold = true;
      this.run = 0;
    }
    if (changed) this.call(() => this.callbacks.onResult(result));
  }

  private call(callback: () => void): void {
    try {
      callback();
    } catch (err) {
      this.callbacks.log?.(`${probeKindName(this.kind)} probe worker: callback failed: ${(err as Error).message}`);
    }
  }
}

// ---- small helpers

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? value : fallback; // the API defaults a zero
}

/** A container port by number, or by name from the container's ports (upstream's ResolveContainerPort). */
function resolvePort(port: number | string, ports: ProbeContext['ports']): number {
  let number = port as number;
  if (typeof port === 'string') {
    const named = ports.find((p) => p.name === port);
    if (!named) throw new Error(`port ${goQuote(port)} not found`);
    number = named.containerPort;
  }
  if (Number.isInteger(number) && number > 0 && number < 65536) return number;
  throw new Error(`invalid port number: ${number}`);
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's %q for the strings we quote. */
function goQuote(s: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out += escapes[ch] ?? (code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch);
  }
  return `"${out}"`;
}

/** Go's time.Duration String for what probes use: "1s", "500ms", "1m30s". */
function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${+ms.toFixed(3)}ms`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const s = `${+seconds.toFixed(3)}s`;
  return hours ? `${hours}h${minutes}m${s}` : minutes ? `${minutes}m${s}` : s;
}
