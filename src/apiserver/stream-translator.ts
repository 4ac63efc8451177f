// exec/attach for kubectl ≥ 1.30, which speaks WebSocket with the
// `v5.channel.k8s.io` sub-protocol: the API server ends the WebSocket itself
// and talks SPDY (v4.channel.k8s.io) to the runtime's streaming server, as
// upstream's StreamTranslatorHandler does
// (k8s.io/apiserver/pkg/util/proxy/streamtranslator.go, websocket.go). The
// runtime (containerd 1.6) knows WebSocket only up to v4, which has no way to
// say "stdin is closed"; SPDY has FIN.
//
// The WebSocket side, v5.channel.k8s.io (k8s.io/apimachinery
// pkg/util/remotecommand/constants.go; wsstream/conn.go;
// client-go tools/remotecommand/websocket.go):
//   - every message is binary: [channel byte][payload];
//   - 0 stdin (client → server), 1 stdout, 2 stderr, 3 error (server → client),
//     4 resize (client → server, JSON {"Width":w,"Height":h});
//   - 255 close signal, client → server: [255, channel], exactly one channel
//     byte; it half-closes that channel (for 0: stdin's EOF);
//   - the server first sends an empty message on the lowest channel it writes
//     (stdout, else stderr, else error);
//   - when the command is over, the server writes a metav1.Status on channel 3
//     and closes normally (1000); client-go reads the error channel to EOF.
// The SPDY side, v4 (client-go tools/remotecommand v2.go/v3.go/v4.go, kubelet
// pkg/cri/streaming/remotecommand/httpstream.go):
//   - streams are opened with the header `streamtype`, in client-go's order:
//     error, stdin, stdout, stderr (not with a tty), resize (tty, v3 and up);
//     the server waits for exactly the streams its exec request asked for;
//   - stdin ends with FIN; resize carries one JSON TerminalSize per line;
//   - the error stream carries the command's end: v4 a JSON metav1.Status
//     (Success, or Failure with reason NonZeroExitCode and an ExitCode cause),
//     v2/v3 plain text and nothing on success; the server then resets the
//     streams and closes the connection, both of which read as EOF.
import type http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { SpdySession, type SpdyStream } from './spdy.js';
import { ApiError, errors } from './status.js';

export const STREAM_PROTOCOL_V5 = 'v5.channel.k8s.io';
/** Offered to the streaming server, most preferred first: client-go's SPDY list without v5 (containerd 1.6 has no v5). */
const SPDY_PROTOCOLS = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

// v5 channels (apimachinery pkg/util/remotecommand constants).
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

/** upstream's remotecommand.DefaultStreamCreationTimeout, also used for the dial. */
const CREATE_TIMEOUT_MS = 30_000;
/** client-go's SPDY ping period for the translator (streamtranslator.go); here only while the connection is idle. */
const PING_PERIOD_MS = 5_000;
/** WebSocket bytes not yet written out at which SPDY output is paused, and resumed again. */
const WS_HIGH_WATER = 1 << 20;
const WS_LOW_WATER = 1 << 18;

export interface TranslateOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** The streams a pods/exec or pods/attach query asks for ("true" or "1"; stderr is dropped with a tty). */
export function translateOptions(query: URLSearchParams): TranslateOptions {
  const flag = (name: string) => query.get(name) === 'true' || query.get(name) === '1';
  const tty = flag('tty');
  return { stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr') && !tty, tty };
}

/** Whether a request is a WebSocket upgrade offering v5.channel.k8s.io (upstream's IsWebSocketRequestWithStreamCloseProtocol). */
export function wantsStreamTranslation(req: http.IncomingMessage): boolean {
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return false;
  return offeredProtocols(req).includes(STREAM_PROTOCOL_V5);
}

function offeredProtocols(req: http.IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

const websockets = new WebSocketServer({
  noServer: true,
  clientTracking: false,
  perMessageDeflate: false,
  handleProtocols: (offered) => (offered.has(STREAM_PROTOCOL_V5) ? STREAM_PROTOCOL_V5 : false),
});

/**
 * Serves a v5 WebSocket exec/attach by talking SPDY to `target`, the
 * streaming server's one-time URL. Opens the backend and its streams first,
 * then accepts the WebSocket. Rejects (with an ApiError, for the caller to
 * answer the upgrade request with) only while the client's socket is still
 * plain HTTP; resolves once the WebSocket is accepted (or the client went
 * away), and from then on reports failures to the client itself, on the
 * error channel, and closes both sides.
 */
export async function translateToSpdy(req: http.IncomingMessage, socket: Duplex, head: Buffer, target: URL, options: TranslateOptions): Promise<void> {
  if (!wantsStreamTranslation(req)) throw errors.badRequest(`stream translation needs a WebSocket upgrade offering ${STREAM_PROTOCOL_V5}`);
  // The client may reset its socket while the backend is dialled; that shows as 'close', handled below.
  socket.on('error', () => undefined);
  let clientGone = false;
  const onClientClose = () => (clientGone = true);
  socket.once('close', onClientClose);
  try {
    const backend = await dialSpdy(target);
    const session = new SpdySession(backend.socket, { head: backend.head, flowControl: false, pingIntervalMs: PING_PERIOD_MS });
    let streams: Streams;
    try {
      streams = openStreams(session, backend.protocol, options);
      await withTimeout(Promise.all(streams.all.map((s) => s.reply())), CREATE_TIMEOUT_MS, 'the streaming server to accept the streams');
    } catch (err) {
      session.destroy();
      throw err instanceof ApiError ? err : errors.internal(err);
    }
    if (clientGone) {
      session.destroy();
      return;
    }
    const ws = await acceptWebSocket(req, socket, head);
    if (!ws) {
      session.destroy();
      return;
    }
    pump(ws, session, streams, backend.protocol);
  } finally {
    socket.off('close', onClientClose);
  }
}

interface Streams {
  error: SpdyStream;
  stdin?: SpdyStream;
  stdout?: SpdyStream;
  stderr?: SpdyStream;
  resize?: SpdyStream;
  all: SpdyStream[];
}

/** client-go's createStreams order; the headers are the `streamtype` alone. */
function openStreams(session: SpdySession, protocol: string, options: TranslateOptions): Streams {
  const open = (type: string) => session.openStream({ streamtype: type });
  const error = open('error');
  const stdin = options.stdin ? open('stdin') : undefined;
  const stdout = options.stdout ? open('stdout') : undefined;
  const stderr = options.stderr && !options.tty ? open('stderr') : undefined;
  const resize = options.tty && protocol !== 'v2.channel.k8s.io' ? open('resize') : undefined;
  const all = [error, stdin, stdout, stderr, resize].filter((s): s is SpdyStream => s !== undefined);
  return { error, stdin, stdout, stderr, resize, all };
}

function acceptWebSocket(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    // ws answers a bad handshake itself and destroys the socket without calling back.
    const onClose = () => resolve(undefined);
    socket.once('close', onClose);
    websockets.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', onClose);
      resolve(ws);
    });
  });
}

function pump(ws: WebSocket, session: SpdySession, streams: Streams, protocol: string): void {
  const { error, stdin, stdout, stderr, resize } = streams;
  let finished = false;
  let resizeOpen = resize !== undefined;
  const errorChunks: Buffer[] = [];

  // Client-bound messages, with the bytes not yet written out counted so SPDY output pauses behind a slow client.
  let unsent = 0;
  let outputPaused = false;
  const send = (channel: number, data: Buffer) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    const message = Buffer.allocUnsafe(data.length + 1);
    message[0] = channel;
    data.copy(message, 1);
    unsent += message.length;
    ws.send(message, { binary: true }, () => {
      unsent -= message.length;
      if (outputPaused && unsent <= WS_LOW_WATER) {
        outputPaused = false;
        stdout?.resume();
        stderr?.resume();
      }
    });
    if (!outputPaused && unsent > WS_HIGH_WATER) {
      outputPaused = true;
      stdout?.pause();
      stderr?.pause();
    }
  };

  // The first message tells the client the connection is up (upstream's createWebSocketStreams).
  send(stdout ? STDOUT : stderr ? STDERR : ERROR, Buffer.alloc(0));

  const finish = () => {
    if (finished) return;
    finished = true;
    // Input from now on is dropped (upstream closes its input channels first), the status goes out, then a normal close.
    send(ERROR, status(Buffer.concat(errorChunks), protocol, session.error));
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    // client-go closes the connection when the streams are done: streams reset, GOAWAY, socket closed.
    void session.close();
  };
  const abort = (code: number, reason: string) => {
    if (finished) return;
    finished = true;
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    else ws.terminate();
    session.destroy();
  };

  // The command is over once the error stream and the output streams have all ended (client-go's v4 stream()).
  const waiting = new Set<SpdyStream>([error, ...(stdout ? [stdout] : []), ...(stderr ? [stderr] : [])]);
  for (const s of waiting) {
    const done = () => {
      waiting.delete(s);
      if (waiting.size === 0) finish();
    };
    s.once('end', done);
    s.once('close', done);
  }
  for (const s of streams.all) s.on('error', () => undefined); // ends are handled above; resets read as EOF
  stdout?.on('data', (data: Buffer) => send(STDOUT, data));
  stderr?.on('data', (data: Buffer) => send(STDERR, data));
  error.on('data', (data: Buffer) => errorChunks.push(data));
  // Nothing comes back on stdin or resize, but their ends must be read for the streams to close.
  stdin?.resume();
  resize?.resume();

  // Server-bound messages (wsstream Conn.handle).
  // Text frames are taken as binary ones, as upstream's wsstream takes them.
  ws.on('message', (data: WebSocket.RawData) => {
    if (finished) return;
    const message = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (message.length === 0) return;
    const channel = message[0]!;
    const payload = message.subarray(1);
    if (channel === CLOSE) {
      // [255, channel]: anything else is a protocol error, which ends the connection upstream.
      if (payload.length !== 1 || payload[0]! > RESIZE) return abort(1002, 'invalid close signal');
      if (payload[0] === STDIN && stdin && !stdin.writableEnded) stdin.end();
      if (payload[0] === RESIZE) resizeOpen = false;
      return;
    }
    if (channel === STDIN) {
      if (!stdin || stdin.writableEnded || payload.length === 0) return;
      // Backpressure: stop reading the client while the SPDY side is behind.
      if (!stdin.write(payload)) {
        ws.pause();
        stdin.once('drain', () => ws.resume());
      }
      return;
    }
    if (channel === RESIZE) {
      if (!resize || !resizeOpen || resize.writableEnded) return;
      for (const size of terminalSizes(payload)) resize.write(`${JSON.stringify(size)}\n`);
    }
    // 1, 2, 3 are written by the server only, higher ones are not channels: ignored, as upstream does.
  });
  ws.on('close', () => {
    // The client went away (or answered our close): whatever is left of the session goes too.
    if (!finished) {
      finished = true;
      session.destroy();
    } else {
      void session.close();
    }
  });
  ws.on('error', () => ws.terminate());
}

/** The TerminalSize values in a resize message, one JSON object per line; others are skipped. */
function terminalSizes(payload: Buffer): Array<{ Width: number; Height: number }> {
  const sizes: Array<{ Width: number; Height: number }> = [];
  for (const line of payload.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as { Width?: unknown; Height?: unknown };
      const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffff;
      if (value && typeof value === 'object' && ok(value.Width) && ok(value.Height)) sizes.push({ Width: value.Width as number, Height: value.Height as number });
    } catch {
      // not JSON: skipped
    }
  }
  return sizes;
}

/**
 * The Status for channel 3. v4's error stream already is one and goes on as
 * it came; nothing on it means success (client-go's watchErrorStream). v2/v3
 * send plain text, which upstream's translator reports as an internal error.
 */
function status(errorStream: Buffer, protocol: string, sessionError: Error | undefined): Buffer {
  if (errorStream.length > 0) {
    if (protocol === 'v4.channel.k8s.io') return errorStream;
    return statusJson(errors.internal(new Error(`error executing remote command: ${errorStream.toString('utf8')}`)));
  }
  if (sessionError) return statusJson(errors.internal(sessionError));
  // json.Marshal of metav1.Status{Status: "Success"}
  return Buffer.from(JSON.stringify({ metadata: {}, status: 'Success' }));
}

function statusJson(err: ApiError): Buffer {
  return Buffer.from(JSON.stringify({ ...err.toStatus(), details: { causes: [{ message: err.message.replace(/^Internal error occurred: /, '') }] } }));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

interface SpdyBackend {
  socket: net.Socket;
  /** The sub-protocol the server chose. */
  protocol: string;
  /** Bytes after the 101 response. */
  head: Buffer;
}

/** remotecommand's sub-protocols: all offered, v1 (plain channel.k8s.io) refused if chosen. */
const REMOTECOMMAND = { offer: SPDY_PROTOCOLS, accept: SPDY_PROTOCOLS.slice(0, 3) };

/**
 * Opens the SPDY connection: POST with `Upgrade: SPDY/3.1` and one
 * X-Stream-Protocol-Version header per offered protocol, as client-go's
 * spdy.Negotiate sends them; the server answers 101 with the one it chose.
 * The socket comes back paused, with the bytes that followed the answer.
 */
export function dialSpdy(target: URL, protocols: { offer: string[]; accept: string[] } = REMOTECOMMAND, timeoutMs = CREATE_TIMEOUT_MS): Promise<SpdyBackend> {
  return new Promise((resolve, reject) => {
    if (target.protocol !== 'http:') {
      reject(errors.internal(new Error(`streaming server URL ${target.origin}: only http is supported`)));
      return;
    }
    const socket = net.connect(Number(target.port || 80), target.hostname.replace(/^\[(.*)\]$/, '$1'));
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err instanceof ApiError ? err : errors.internal(err));
    };
    const timer = setTimeout(() => fail(new Error(`timed out connecting to the streaming server at ${target.host}`)), timeoutMs);
    const request = [
      `POST ${target.pathname}${target.search} HTTP/1.1`,
      `Host: ${target.host}`,
      'Connection: Upgrade',
      'Upgrade: SPDY/3.1',
      ...protocols.offer.map((p) => `X-Stream-Protocol-Version: ${p}`),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    socket.once('connect', () => socket.write(request));
    socket.on('error', fail);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > 64 * 1024) fail(new Error('streaming server response headers too large'));
        return;
      }
      socket.off('data', onData);
      const lines = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const statusLine = lines[0] ?? '';
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const rest = buffered.subarray(end + 4);
      if (!/^HTTP\/1\.[01] 101\b/.test(statusLine)) {
        // client-go: "unable to upgrade connection: <body>"
        const body = rest.toString('utf8').trim();
        fail(new Error(`unable to upgrade connection: ${body || statusLine}`));
        return;
      }
      const protocol = headers.get('x-stream-protocol-version') ?? '';
      if (!protocols.accept.includes(protocol)) {
        fail(new Error(`streaming server chose stream protocol "${protocol}", which is not supported`));
        return;
      }
      clearTimeout(timer);
      socket.off('error', fail);
      socket.pause(); // nothing is read until the session listens
      resolve({ socket, protocol, head: rest });
    };
    socket.on('data', onData);
  });
}
