// A minimal SPDY/3.1 client session, enough to talk to the streaming
// servers of kubelets and container runtimes (exec, attach) the way
// client-go does. It runs over a socket that has already completed the
// HTTP/1.1 `Upgrade: SPDY/3.1` handshake.
//
// What the peer is: every Kubernetes SPDY endpoint (kubelet, containerd's and
// CRI-O's CRI streaming servers) uses github.com/moby/spdystream. Its framer
// (spdy/read.go, spdy/write.go) is SPDY/3: control frames carry version 3,
// header blocks are zlib-compressed with the SPDY/3 dictionary
// (spdy/dictionary.go), one compression context per direction for the whole
// connection, flushed after each block; header names must be lowercase. It
// parses WINDOW_UPDATE and SETTINGS but its connection (connection.go
// frameHandler) drops them as unhandled, and it never sends either: it does
// no flow control and writes DATA frames of any size. So this session does
// SPDY/3.1 flow control (64 KiB windows per stream and per session; the
// peer's kept when sending, ours given back with WINDOW_UPDATE as data is
// consumed) unless told the peer does none (`flowControl: false`): then it
// neither waits for windows nor sends WINDOW_UPDATEs, frames the peer never
// reads for anything and which, written as it closes the connection, turn
// its close into a reset that loses the end of what it sent. Either way it
// tolerates a peer that overruns our windows and falls back to TCP
// backpressure (it stops reading the socket) when a stream's unread data
// grows past the window.
//
// Streams are Node Duplexes: write() sends DATA, end() sends an empty DATA
// frame with FLAG_FIN, 'data'/'end' carry what the peer sends until its FIN.
// A RST_STREAM from the peer, or the end of the session, ends the stream
// like a FIN (data already received is still delivered), as spdystream's
// Read returns io.EOF for both; the RST status is kept in `resetCode` and
// reported with a 'reset' event.
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import zlib from 'node:zlib';

export const SPDY_VERSION = 3;

/** Control frame types (SPDY/3 §2.6; spdystream spdy/types.go). */
export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

/** RST_STREAM status codes. */
export const RstStatus = {
  PROTOCOL_ERROR: 1,
  INVALID_STREAM: 2,
  REFUSED_STREAM: 3,
  UNSUPPORTED_VERSION: 4,
  CANCEL: 5,
  INTERNAL_ERROR: 6,
  FLOW_CONTROL_ERROR: 7,
  STREAM_IN_USE: 8,
  STREAM_ALREADY_CLOSED: 9,
  FRAME_TOO_LARGE: 11,
} as const;

/** GOAWAY status codes. */
export const GoAwayStatus = { OK: 0, PROTOCOL_ERROR: 1, INTERNAL_ERROR: 2 } as const;

export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;
/** SPDY/3.1's initial window, per stream and per session. */
export const DEFAULT_WINDOW = 65536;
const SETTINGS_INITIAL_WINDOW_SIZE = 7;
const MAX_WINDOW = 0x7fffffff;
/** Largest DATA payload sent in one frame (the format allows 2^24-1). */
const MAX_DATA_PAYLOAD = 16384;
/** Largest inflated header block accepted from the peer. */
const MAX_HEADER_BLOCK = 256 * 1024;
const EMPTY = Buffer.alloc(0);

// The SPDY/3 header compression dictionary (1423 bytes): these words, each
// after its length as a 32-bit big-endian integer, then the tail as it is.
const DICTIONARY_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive',
  'origin',
];
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY3_DICTIONARY: Buffer = Buffer.concat([
  ...DICTIONARY_WORDS.flatMap((word) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(word.length);
    return [length, Buffer.from(word, 'latin1')];
  }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

export class SpdyProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpdyProtocolError';
  }
}

/** Headers to send: names are lowercased (spdystream rejects others); several values travel NUL-separated. */
export type SpdyHeaders = Record<string, string | readonly string[]>;
/** Headers received: lowercase names, values split at NUL. */
export type ReceivedHeaders = Record<string, string[]>;

/** The uncompressed name/value block: count, then length-prefixed names and values (all 32-bit). */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const merged = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (!key) throw new Error('empty header name');
    merged.set(key, [...(merged.get(key) ?? []), ...(typeof value === 'string' ? [value] : value)]);
  }
  const parts: Buffer[] = [u32(merged.size)];
  for (const [name, values] of merged) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(values.join('\0'), 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): ReceivedHeaders {
  const headers: ReceivedHeaders = {};
  let at = 0;
  const take = (n: number) => {
    if (at + n > block.length) throw new SpdyProtocolError('truncated header block');
    const part = block.subarray(at, at + n);
    at += n;
    return part;
  };
  const count = take(4).readUInt32BE();
  for (let i = 0; i < count; i++) {
    const name = take(take(4).readUInt32BE()).toString('utf8').toLowerCase();
    const values = take(take(4).readUInt32BE()).toString('utf8').split('\0');
    if (!name) throw new SpdyProtocolError('empty header name');
    headers[name] = [...(headers[name] ?? []), ...values];
  }
  return headers;
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(8 + payload.length);
  frame.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  frame.writeUInt16BE(type, 2);
  frame.writeUInt32BE((((flags & 0xff) << 24) | payload.length) >>> 0, 4);
  payload.copy(frame, 8);
  return frame;
}

function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(8 + data.length);
  frame.writeUInt32BE(streamId & 0x7fffffff, 0);
  frame.writeUInt32BE((((flags & 0xff) << 24) | data.length) >>> 0, 4);
  data.copy(frame, 8);
  return frame;
}

/**
 * One direction's zlib context (deflate out, inflate in). Blocks go through it
 * one at a time, each ended with Z_SYNC_FLUSH, so the output of a block is
 * exactly what the flush produced.
 */
class HeaderCodec {
  private readonly z: zlib.Deflate | zlib.Inflate;
  private out: Buffer[] = [];
  private outBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private failCurrent?: (err: Error) => void;
  private broken?: Error;

  constructor(kind: 'deflate' | 'inflate') {
    this.z = kind === 'deflate' ? zlib.createDeflate({ dictionary: SPDY3_DICTIONARY }) : zlib.createInflate({ dictionary: SPDY3_DICTIONARY });
    this.z.on('data', (chunk: Buffer) => {
      this.out.push(chunk);
      this.outBytes += chunk.length;
    });
    this.z.on('error', (err: Error) => {
      this.broken = err;
      this.failCurrent?.(err);
    });
  }

  run(block: Buffer, limit = Infinity): Promise<Buffer> {
    const result = this.queue.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          if (this.broken) return reject(this.broken);
          this.failCurrent = reject;
          this.z.write(block);
          this.z.flush(zlib.constants.Z_SYNC_FLUSH, (err?: Error | null) => {
            this.failCurrent = undefined;
            if (err) this.broken ??= err;
            const output = Buffer.concat(this.out, this.outBytes);
            this.out = [];
            this.outBytes = 0;
            if (this.broken) reject(this.broken);
            else if (output.length > limit) reject(new SpdyProtocolError(`header block larger than ${limit} bytes`));
            else resolve(output);
          });
        }),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every block handed in so far is done. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  close(): void {
    this.z.close();
  }
}

/** Bytes received and not yet parsed, kept as chunks so large DATA frames are copied once. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The first n bytes, without consuming them. */
  peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!.subarray(0, n);
    this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0]!.subarray(0, n);
  }

  take(n: number): Buffer {
    const out = this.peek(n);
    this.length -= n;
    const first = this.chunks[0]!;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    return out;
  }
}

interface PendingWrite {
  data: Buffer;
  offset: number;
  fin: boolean;
  done: (err?: Error | null) => void;
}

export interface SpdySessionOptions {
  /**
   * SPDY/3.1 flow control with the peer (default true): keep its windows when
   * sending, give ours back with WINDOW_UPDATE. Turn it off for spdystream
   * peers (every Kubernetes streaming server), which do neither: they never
   * send WINDOW_UPDATE, so a window once spent (64 KiB) would never reopen.
   */
  flowControl?: boolean;
  /**
   * Send a PING when nothing has gone either way for this long, in ms, so an
   * idle connection stays up (client-go's translator pings every 5 s). 0: never.
   */
  pingIntervalMs?: number;
  /** Bytes that arrived after the 101 response, already read off the socket. */
  head?: Buffer;
}

/**
 * The client side of a SPDY/3.1 connection. Emits 'goaway' (lastGoodStreamId,
 * status) when the peer sends GOAWAY, and 'close' (error or undefined) once
 * the connection is over; it never emits 'error'.
 */
export class SpdySession extends EventEmitter {
  private readonly streams = new Map<number, SpdyStream>();
  private readonly deflater = new HeaderCodec('deflate');
  private readonly inflater = new HeaderCodec('inflate');
  private readonly input = new ByteQueue();
  private readonly flowControl: boolean;
  private lastActivity = Date.now();
  private nextStreamId = 1;
  private nextPingId = 1;
  private readonly pings = new Map<number, { start: number; resolve: (ms: number) => void; reject: (err: Error) => void }>();
  private pingTimer?: NodeJS.Timeout;
  /** What the peer lets us send on the session, and what new streams start with. */
  private sendWindow = DEFAULT_WINDOW;
  private peerInitialWindow = DEFAULT_WINDOW;
  /** Bytes the session's readers consumed and not yet given back to the peer. */
  private recvCredit = 0;
  /** Streams whose reader is behind: while any is, the socket is not read. */
  private readonly blocked = new Set<SpdyStream>();
  private readonly drainWaiters: Array<() => void> = [];
  private processing = false;
  private inputEnded = false;
  private socketError?: Error;
  private goingAway = false;
  private peerGoneAway = false;
  private closedFlag = false;
  private readonly closedPromise: Promise<Error | undefined>;
  private resolveClosed!: (err: Error | undefined) => void;
  /** Why the session ended, if it failed. */
  error?: Error;

  constructor(
    readonly socket: Duplex,
    options: SpdySessionOptions = {},
  ) {
    super();
    this.flowControl = options.flowControl ?? true;
    this.closedPromise = new Promise((resolve) => (this.resolveClosed = resolve));
    if (options.head?.length) this.input.push(options.head);
    socket.on('data', (chunk: Buffer) => {
      this.lastActivity = Date.now();
      this.input.push(chunk);
      this.pump();
    });
    socket.on('end', () => {
      this.inputEnded = true;
      this.pump();
    });
    socket.on('error', (err: Error) => {
      this.socketError ??= err;
    });
    socket.on('close', () => {
      this.inputEnded = true;
      this.pump();
    });
    socket.on('drain', () => this.releaseDrainWaiters());
    socket.resume();
    const interval = options.pingIntervalMs;
    if (interval) {
      this.pingTimer = setInterval(() => {
        if (Date.now() - this.lastActivity >= interval) void this.ping().catch(() => undefined);
      }, interval);
      this.pingTimer.unref();
    }
    if (this.input.length) this.pump();
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Resolves when the session is over, with the error that ended it if any. */
  whenClosed(): Promise<Error | undefined> {
    return this.closedPromise;
  }

  /** Opens a stream: SYN_STREAM with these headers. Data written before the frame is out waits for it. */
  openStream(headers: SpdyHeaders, options: { priority?: number } = {}): SpdyStream {
    if (this.closedFlag || this.goingAway || this.peerGoneAway) throw new Error('SPDY session is closing');
    const id = this.nextStreamId;
    if (id > MAX_WINDOW) throw new Error('SPDY stream ids exhausted');
    this.nextStreamId += 2;
    const block = encodeHeaderBlock(headers);
    const stream = new SpdyStream(this, id, decodeHeaderBlock(block), this.peerInitialWindow);
    this.streams.set(id, stream);
    const priority = Math.max(0, Math.min(7, options.priority ?? 0));
    // Compressions finish in the order they were asked for, so SYN_STREAMs go out with rising ids.
    this.deflater.run(block).then(
      (compressed) => {
        if (this.closedFlag) return;
        const head = Buffer.alloc(10);
        head.writeUInt32BE(id, 0);
        head.writeUInt32BE(0, 4); // associated-to stream
        head[8] = priority << 5;
        head[9] = 0; // slot
        this.writeFrame(controlFrame(FrameType.SYN_STREAM, 0, Buffer.concat([head, compressed])));
        stream.synSent = true;
        if (stream.resetCode !== undefined && stream.sentReset) this.writeFrame(rstFrame(id, stream.resetCode));
        else this.flushStream(stream);
      },
      (err: Error) => this.fail(err),
    );
    return stream;
  }

  /** Sends a PING and resolves with the round trip in ms. */
  ping(): Promise<number> {
    if (this.closedFlag) return Promise.reject(new Error('SPDY session is closed'));
    const id = this.nextPingId;
    this.nextPingId = this.nextPingId >= MAX_WINDOW - 2 ? 1 : this.nextPingId + 2;
    return new Promise((resolve, reject) => {
      this.pings.set(id, { start: Date.now(), resolve, reject });
      this.writeFrame(controlFrame(FrameType.PING, 0, u32(id)));
    });
  }

  /**
   * Ends the session as apimachinery's Connection.Close does: resets every
   * stream still open, sends GOAWAY and closes the socket once written.
   * Resolves when the socket is closed.
   */
  async close(): Promise<void> {
    if (!this.closedFlag && !this.goingAway) {
      this.goingAway = true;
      await this.deflater.idle();
      if (!this.closedFlag) {
        for (const stream of [...this.streams.values()]) stream.abandon(RstStatus.CANCEL);
        this.writeFrame(controlFrame(FrameType.GOAWAY, 0, Buffer.concat([u32(0), u32(GoAwayStatus.OK)])));
        this.socket.end();
        // The peer closes its side when it reads GOAWAY; do not wait for ever.
        const timer = setTimeout(() => this.socket.destroy(), 10_000);
        timer.unref();
        void this.closedPromise.then(() => clearTimeout(timer));
      }
    }
    await this.closedPromise;
  }

  /** Ends the session at once: the socket is destroyed and every stream ends. */
  destroy(err?: Error): void {
    if (this.closedFlag) return;
    this.socket.destroy();
    this.teardown(err);
  }

  // ----- inbound -----

  private pump(): void {
    if (this.processing || this.closedFlag) return;
    this.processing = true;
    void this.process();
  }

  private async process(): Promise<void> {
    try {
      while (!this.closedFlag && this.blocked.size === 0) {
        if (this.input.length < 8) break;
        const length = this.input.peek(8).readUInt32BE(4) & 0xffffff;
        if (this.input.length < 8 + length) break;
        const frame = this.input.take(8 + length);
        const pending = this.handleFrame(frame);
        if (pending) await pending;
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.processing = false;
    }
    if (this.closedFlag) return;
    if (this.blocked.size === 0 && this.input.length >= 8 && this.input.length >= 8 + (this.input.peek(8).readUInt32BE(4) & 0xffffff)) {
      this.pump(); // more arrived while a header block was being inflated
    } else if (this.inputEnded && this.blocked.size === 0) {
      // Everything the peer sent has been handled.
      this.teardown(this.socketError);
    }
  }

  private handleFrame(frame: Buffer): Promise<void> | void {
    const first = frame.readUInt32BE(0);
    const flags = frame[4]!;
    const payload = frame.subarray(8);
    if ((first & 0x80000000) === 0) return this.onData(first & 0x7fffffff, flags, payload);
    const version = (first >>> 16) & 0x7fff;
    const type = first & 0xffff;
    if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
    const need = (n: number) => {
      if (payload.length < n) throw new SpdyProtocolError(`control frame ${type} too short`);
    };
    switch (type) {
      case FrameType.SYN_STREAM: {
        need(10);
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        // The block must go through the shared context even though the stream is refused.
        return this.inflater.run(payload.subarray(10), MAX_HEADER_BLOCK).then(() => {
          // Server pushes are not used by remotecommand; refuse them.
          this.writeFrame(rstFrame(id, RstStatus.REFUSED_STREAM));
        });
      }
      case FrameType.SYN_REPLY:
      case FrameType.HEADERS: {
        need(4);
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        return this.inflater.run(payload.subarray(4), MAX_HEADER_BLOCK).then((block) => {
          const headers = decodeHeaderBlock(block);
          const stream = this.streams.get(id);
          if (!stream) return;
          if (type === FrameType.SYN_REPLY) stream.onReply(headers);
          else stream.emit('headers', headers);
          if (flags & FLAG_FIN) stream.onRemoteEnd();
        });
      }
      case FrameType.RST_STREAM: {
        need(8);
        this.streams.get(payload.readUInt32BE(0) & 0x7fffffff)?.onPeerReset(payload.readUInt32BE(4));
        return;
      }
      case FrameType.SETTINGS: {
        need(4);
        const count = payload.readUInt32BE(0);
        need(4 + count * 8);
        for (let i = 0; i < count; i++) {
          const id = payload.readUInt32BE(4 + i * 8) & 0xffffff;
          const value = payload.readUInt32BE(8 + i * 8);
          // Only the initial window matters here: it moves the send window of every open stream.
          if (id === SETTINGS_INITIAL_WINDOW_SIZE && value <= MAX_WINDOW) {
            const delta = value - this.peerInitialWindow;
            this.peerInitialWindow = value;
            for (const stream of this.streams.values()) stream.sendWindow += delta;
            this.flushAll();
          }
        }
        return;
      }
      case FrameType.PING: {
        need(4);
        const id = payload.readUInt32BE(0);
        if (id % 2 === 0) {
          this.writeFrame(controlFrame(FrameType.PING, 0, u32(id))); // the server's: echo it
        } else {
          const ping = this.pings.get(id);
          this.pings.delete(id);
          ping?.resolve(Date.now() - ping.start);
        }
        return;
      }
      case FrameType.GOAWAY: {
        need(8);
        const lastGood = payload.readUInt32BE(0) & 0x7fffffff;
        const status = payload.readUInt32BE(4);
        this.peerGoneAway = true;
        // Streams after the last one the peer took were never seen by it.
        for (const [id, stream] of this.streams) if (id > lastGood) stream.onPeerReset(RstStatus.REFUSED_STREAM);
        this.emit('goaway', lastGood, status);
        return;
      }
      case FrameType.WINDOW_UPDATE: {
        need(8);
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const delta = payload.readUInt32BE(4) & 0x7fffffff;
        if (id === 0) {
          this.sendWindow += delta;
          if (this.sendWindow > MAX_WINDOW) throw new SpdyProtocolError('session window overflow');
          this.flushAll();
        } else {
          const stream = this.streams.get(id);
          if (!stream) return;
          stream.sendWindow += delta;
          if (stream.sendWindow > MAX_WINDOW) stream.reset(RstStatus.FLOW_CONTROL_ERROR);
          else this.flushStream(stream);
        }
        return;
      }
      default:
        return; // unknown control frames are ignored (SPDY/3 §2.2.1)
    }
  }

  private onData(id: number, flags: number, data: Buffer): void {
    // A peer without flow control (spdystream) may overrun our windows: tolerated.
    const stream = this.streams.get(id);
    if (!stream || stream.remoteEnded) {
      this.credit(undefined, data.length);
      return;
    }
    stream.onData(data);
    if (flags & FLAG_FIN) stream.onRemoteEnd();
  }

  /** Bytes the reader took: given back to the peer in WINDOW_UPDATEs, half a window at a time. */
  /** @internal */
  credit(stream: SpdyStream | undefined, bytes: number): void {
    if (this.closedFlag || bytes <= 0 || !this.flowControl) return;
    if (stream && !stream.remoteEnded) {
      stream.recvCredit += bytes;
      if (stream.recvCredit >= DEFAULT_WINDOW / 2) {
        this.writeFrame(windowUpdateFrame(stream.id, stream.recvCredit));
        stream.recvCredit = 0;
      }
    }
    this.recvCredit += bytes;
    if (this.recvCredit >= DEFAULT_WINDOW / 2) {
      this.writeFrame(windowUpdateFrame(0, this.recvCredit));
      this.recvCredit = 0;
    }
  }

  /** @internal */
  block(stream: SpdyStream): void {
    this.blocked.add(stream);
    this.socket.pause();
  }

  /** @internal */
  unblock(stream: SpdyStream): void {
    if (!this.blocked.delete(stream) || this.blocked.size > 0) return;
    this.socket.resume();
    this.pump();
  }

  // ----- outbound -----

  private writeFrame(frame: Buffer): void {
    if (this.closedFlag || this.socket.destroyed || !this.socket.writable) return;
    this.lastActivity = Date.now();
    this.socket.write(frame);
  }

  /** Sends what the stream has pending, as far as the windows allow. */
  /** @internal */
  flushStream(stream: SpdyStream): void {
    const pending = stream.pendingWrite;
    if (!pending || !stream.synSent || this.closedFlag) return;
    while (pending.offset < pending.data.length) {
      let n = Math.min(pending.data.length - pending.offset, MAX_DATA_PAYLOAD);
      if (this.flowControl) n = Math.min(n, stream.sendWindow, this.sendWindow);
      if (n <= 0) return; // continued on WINDOW_UPDATE
      this.writeFrame(dataFrame(stream.id, 0, pending.data.subarray(pending.offset, pending.offset + n)));
      pending.offset += n;
      stream.sendWindow -= n;
      this.sendWindow -= n;
    }
    if (pending.fin) {
      this.writeFrame(dataFrame(stream.id, FLAG_FIN, EMPTY));
      stream.localEnded = true;
    }
    stream.pendingWrite = undefined;
    this.afterWritten(pending.done);
  }

  private flushAll(): void {
    for (const stream of this.streams.values()) if (stream.pendingWrite) this.flushStream(stream);
  }

  /** Calls back once the socket has room again, so writers feel its backpressure. */
  private afterWritten(done: () => void): void {
    if (this.socket.writableNeedDrain && !this.closedFlag) this.drainWaiters.push(done);
    else done();
  }

  private releaseDrainWaiters(): void {
    for (const done of this.drainWaiters.splice(0)) done();
  }

  /** @internal */
  sendReset(stream: SpdyStream, status: number): void {
    if (stream.synSent) this.writeFrame(rstFrame(stream.id, status));
    // else: sent right after the SYN_STREAM (see openStream)
  }

  /** @internal */
  forget(stream: SpdyStream): void {
    this.streams.delete(stream.id);
    this.unblock(stream);
  }

  private fail(err: Error): void {
    if (this.closedFlag) return;
    const status = err instanceof SpdyProtocolError ? GoAwayStatus.PROTOCOL_ERROR : GoAwayStatus.INTERNAL_ERROR;
    this.writeFrame(controlFrame(FrameType.GOAWAY, 0, Buffer.concat([u32(0), u32(status)])));
    this.socket.end();
    this.teardown(err);
  }

  private teardown(err: Error | undefined): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.error = err;
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const ping of this.pings.values()) ping.reject(err ?? new Error('SPDY session closed'));
    this.pings.clear();
    this.blocked.clear();
    for (const stream of [...this.streams.values()]) stream.onSessionClosed();
    this.streams.clear();
    this.releaseDrainWaiters();
    this.deflater.close();
    this.inflater.close();
    if (!this.socket.destroyed && this.socket.writableEnded) {
      // Our side is done; let the peer's close finish it, or cut it short.
      const timer = setTimeout(() => this.socket.destroy(), 10_000);
      timer.unref();
      this.socket.once('close', () => clearTimeout(timer));
    } else if (!this.socket.destroyed) {
      this.socket.destroy();
    }
    this.resolveClosed(err);
    this.emit('close', err);
  }
}

function rstFrame(id: number, status: number): Buffer {
  return controlFrame(FrameType.RST_STREAM, 0, Buffer.concat([u32(id & 0x7fffffff), u32(status)]));
}

function windowUpdateFrame(id: number, delta: number): Buffer {
  return controlFrame(FrameType.WINDOW_UPDATE, 0, Buffer.concat([u32(id & 0x7fffffff), u32(delta & 0x7fffffff)]));
}

/**
 * One SPDY stream opened by this side. Besides the Duplex events it emits
 * 'reply' (headers of SYN_REPLY), 'headers' (a HEADERS frame) and 'reset'
 * (the status of the peer's RST_STREAM).
 */
export class SpdyStream extends Duplex {
  replyHeaders?: ReceivedHeaders;
  /** The RST_STREAM status that ended the stream, sent or received. */
  resetCode?: number;
  /** @internal */ synSent = false;
  /** @internal */ sentReset = false;
  /** @internal */ pendingWrite?: PendingWrite;
  /** @internal */ sendWindow: number;
  /** @internal */ recvCredit = 0;
  /** @internal */ localEnded = false;
  /** @internal */ remoteEnded = false;
  private received = 0;
  private consumedReported = 0;
  private readonly replied: Promise<ReceivedHeaders>;
  private settleReply!: { resolve: (h: ReceivedHeaders) => void; reject: (err: Error) => void };

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    /** The headers it was opened with. */
    readonly headers: ReceivedHeaders,
    initialSendWindow: number,
  ) {
    // One byte over the window: a peer that keeps to our window never has its reader block the session.
    super({ readableHighWaterMark: DEFAULT_WINDOW + 1, decodeStrings: true });
    this.sendWindow = initialSendWindow;
    this.replied = new Promise((resolve, reject) => (this.settleReply = { resolve, reject }));
    this.replied.catch(() => undefined);
  }

  /** Resolves with the SYN_REPLY headers; rejects if the stream is reset or the session ends first. */
  reply(): Promise<ReceivedHeaders> {
    return this.replied;
  }

  /** Aborts the stream with RST_STREAM (CANCEL unless told otherwise). */
  reset(status: number = RstStatus.CANCEL): void {
    this.abandon(status);
    this.destroy();
  }

  /** @internal Sends RST_STREAM and closes both directions, keeping what was already received readable. */
  abandon(status: number): void {
    if (this.resetCode !== undefined || (this.localEnded && this.remoteEnded)) return;
    this.resetCode = status;
    this.sentReset = true;
    this.session.sendReset(this, status);
    this.shutBoth(new Error(`stream reset (status ${status})`));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.localEnded || this.resetCode !== undefined || this.session.closed) return done(); // nobody to send to
    this.pendingWrite = { data: chunk, offset: 0, fin: false, done };
    this.session.flushStream(this);
  }

  override _final(done: (err?: Error | null) => void): void {
    if (this.localEnded || this.resetCode !== undefined || this.session.closed) return done();
    this.pendingWrite = { data: EMPTY, offset: 0, fin: true, done };
    this.session.flushStream(this);
  }

  override _read(): void {
    this.noteConsumption();
    this.session.unblock(this);
  }

  // Data the reader takes from the buffer counts as consumed. (_read alone does not see it: Node calls it
  // again only after a push.)
  override read(size?: number): ReturnType<Duplex['read']> {
    const chunk: unknown = super.read(size);
    this.noteConsumption();
    return chunk;
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    if (!this.session.closed && this.resetCode === undefined && !(this.localEnded && this.remoteEnded)) {
      this.resetCode = RstStatus.CANCEL;
      this.sentReset = true;
      this.session.sendReset(this, RstStatus.CANCEL);
    }
    this.releasePending();
    this.settleReply.reject(err ?? new Error('stream closed'));
    this.session.forget(this);
    done(err);
  }

  /** @internal */
  onReply(headers: ReceivedHeaders): void {
    if (this.replyHeaders) return; // a second SYN_REPLY is ignored, as spdystream does
    this.replyHeaders = headers;
    this.settleReply.resolve(headers);
    this.emit('reply', headers);
  }

  /** @internal */
  onData(data: Buffer): void {
    if (data.length === 0) return;
    this.received += data.length;
    const room = this.push(data);
    this.noteConsumption();
    if (!room) this.session.block(this);
  }

  /** @internal FIN from the peer. */
  onRemoteEnd(): void {
    if (this.remoteEnded) return;
    this.remoteEnded = true;
    this.settleReply.reject(new Error('stream ended before its reply'));
    this.push(null);
  }

  /** @internal */
  onPeerReset(status: number): void {
    if (this.resetCode !== undefined) return;
    this.resetCode = status;
    this.shutBoth(new Error(`stream reset by peer (status ${status})`));
    this.emit('reset', status);
  }

  /** @internal */
  onSessionClosed(): void {
    this.shutBoth(new Error('SPDY session closed'));
  }

  private shutBoth(why: Error): void {
    this.settleReply.reject(why);
    this.localEnded = true;
    this.releasePending();
    if (!this.remoteEnded) {
      this.remoteEnded = true;
      this.push(null);
    }
    if (!this.writableEnded) this.end();
  }

  private releasePending(): void {
    const pending = this.pendingWrite;
    this.pendingWrite = undefined;
    pending?.done();
  }

  /** Bytes handed to the reader since the last count go back to the peer as window. */
  private noteConsumption(): void {
    const consumed = this.received - this.readableLength;
    const delta = consumed - this.consumedReported;
    if (delta <= 0) return;
    this.consumedReported = consumed;
    this.session.credit(this, delta);
  }
}
