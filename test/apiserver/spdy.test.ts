// The SPDY/3.1 client session against a small SPDY server written here (its
// own framing and zlib contexts, so the session is not checked against
// itself), and the v5 WebSocket → SPDY translator end to end: the real `ws`
// client on one side, a fake streaming server on the other that behaves like
// containerd's (spdystream: no WINDOW_UPDATE; status on the error stream,
// then streams reset and the connection closed).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import zlib from 'node:zlib';
import { WebSocket } from 'ws';
import { rejectUpgrade } from '../../src/apiserver/pod-streams.js';
import { SPDY3_DICTIONARY, SpdySession, type SpdyStream } from '../../src/apiserver/spdy.js';
import { translateToSpdy, type TranslateOptions } from '../../src/apiserver/stream-translator.js';
import { eventually } from '../helpers.js';

// ----- a small SPDY/3 peer, independent of the session's code -----

const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const SETTINGS = 4;
const PING = 6;
const GOAWAY = 7;
const HEADERS = 8;
const WINDOW_UPDATE = 9;
const FIN = 1;
const CANCEL = 5;

interface Frame {
  control: boolean;
  type: number; // 0 for DATA
  flags: number;
  streamId: number;
  payload: Buffer;
  headers?: Record<string, string[]>;
}

function control(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8003, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags << 24) | payload.length) >>> 0, 4);
  return Buffer.concat([head, payload]);
}

function data(id: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(id, 0);
  head.writeUInt32BE(((flags << 24) | payload.length) >>> 0, 4);
  return Buffer.concat([head, payload]);
}

function words(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

function headerBlock(headers: Record<string, string>): Buffer {
  const parts = [words(Object.keys(headers).length)];
  for (const [k, v] of Object.entries(headers)) parts.push(words(Buffer.byteLength(k)), Buffer.from(k), words(Buffer.byteLength(v)), Buffer.from(v));
  return Buffer.concat(parts);
}

function parseBlock(block: Buffer): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let at = 4;
  for (let i = 0; i < block.readUInt32BE(0); i++) {
    const nameLength = block.readUInt32BE(at);
    const name = block.subarray(at + 4, at + 4 + nameLength).toString();
    at += 4 + nameLength;
    const valueLength = block.readUInt32BE(at);
    out[name] = block.subarray(at + 4, at + 4 + valueLength).toString().split('\0');
    at += 4 + valueLength;
  }
  return out;
}

/** Runs one block through a zlib stream, ended with a sync flush. */
function zrun(z: zlib.Deflate | zlib.Inflate, block: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const collect = (c: Buffer) => out.push(c);
    z.on('data', collect);
    z.write(block);
    z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
      z.off('data', collect);
      resolve(Buffer.concat(out));
    });
  });
}

/** The server end of a SPDY connection: records every frame, replies to SYN_STREAM and echoes client PINGs. */
class TestPeer extends EventEmitter {
  readonly frames: Frame[] = [];
  received = 0; // DATA payload bytes
  autoReply = true;
  private buffer = Buffer.alloc(0);
  private readonly inflate = zlib.createInflate({ dictionary: SPDY3_DICTIONARY });
  private readonly deflate = zlib.createDeflate({ dictionary: SPDY3_DICTIONARY });
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: net.Socket,
    head: Buffer = Buffer.alloc(0),
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.onBytes(chunk));
    socket.on('error', () => undefined);
    socket.on('end', () => socket.end()); // the client is done: so is this side
    if (head.length) this.onBytes(head);
  }

  private onBytes(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 8) {
      const length = this.buffer.readUInt32BE(4) & 0xffffff;
      if (this.buffer.length < 8 + length) break;
      const raw = this.buffer.subarray(0, 8 + length);
      this.buffer = this.buffer.subarray(8 + length);
      this.inbound = this.inbound.then(() => this.handle(raw));
    }
  }

  private async handle(raw: Buffer): Promise<void> {
    const first = raw.readUInt32BE(0);
    const isControl = (first & 0x80000000) !== 0;
    const frame: Frame = { control: isControl, type: isControl ? first & 0xffff : 0, flags: raw[4]!, streamId: 0, payload: raw.subarray(8) };
    if (isControl) {
      assert.equal((first >>> 16) & 0x7fff, 3, 'control frames carry version 3');
      if ([SYN_STREAM, SYN_REPLY, RST_STREAM, HEADERS, WINDOW_UPDATE].includes(frame.type)) frame.streamId = frame.payload.readUInt32BE(0) & 0x7fffffff;
      if (frame.type === SYN_STREAM) frame.headers = parseBlock(await zrun(this.inflate, frame.payload.subarray(10)));
      if (frame.type === SYN_REPLY || frame.type === HEADERS) frame.headers = parseBlock(await zrun(this.inflate, frame.payload.subarray(4)));
    } else {
      frame.streamId = first & 0x7fffffff;
      this.received += frame.payload.length;
    }
    this.frames.push(frame);
    if (frame.type === SYN_STREAM && this.autoReply) this.reply(frame.streamId, {});
    if (frame.type === PING && frame.payload.readUInt32BE(0) % 2 === 1) this.send(control(PING, 0, frame.payload));
    this.emit('frame', frame);
  }

  /** Writes frames in the order asked, header blocks compressed in one context. */
  send(frame: Buffer | (() => Promise<Buffer>)): void {
    this.outbound = this.outbound.then(async () => {
      const bytes = typeof frame === 'function' ? await frame() : frame;
      if (!this.socket.destroyed) this.socket.write(bytes);
    });
  }

  reply(id: number, headers: Record<string, string>, flags = 0): void {
    this.send(async () => control(SYN_REPLY, flags, Buffer.concat([words(id), await zrun(this.deflate, headerBlock(headers))])));
  }

  headers(id: number, headers: Record<string, string>, flags = 0): void {
    this.send(async () => control(HEADERS, flags, Buffer.concat([words(id), await zrun(this.deflate, headerBlock(headers))])));
  }

  data(id: number, payload: Buffer | string, flags = 0): void {
    this.send(data(id, flags, Buffer.from(payload)));
  }

  rst(id: number, status: number): void {
    this.send(control(RST_STREAM, 0, words(id, status)));
  }

  windowUpdate(id: number, delta: number): void {
    this.send(control(WINDOW_UPDATE, 0, words(id, delta)));
  }

  /** Resolves once everything queued so far is written. */
  flushed(): Promise<void> {
    return this.outbound;
  }

  of(type: number, streamId?: number): Frame[] {
    return this.frames.filter((f) => f.type === type && f.control === (type !== 0) && (streamId === undefined || f.streamId === streamId));
  }

  streamType(frame: Frame): string | undefined {
    return this.of(SYN_STREAM).find((s) => s.streamId === frame.streamId)?.headers?.streamtype?.[0];
  }

  idOf(type: string): number {
    const syn = this.of(SYN_STREAM).find((s) => s.headers?.streamtype?.[0] === type);
    assert.ok(syn, `a ${type} stream`);
    return syn.streamId;
  }
}

const until = <T>(what: string, check: () => T | undefined | false, ms = 5000) =>
  eventually(async () => {
    const v = check();
    return v === false ? undefined : v;
  }, ms, what);

/** A loopback TCP pair: the session on the client end, a TestPeer on the server end. */
async function pair(t: TestContext, options: ConstructorParameters<typeof SpdySession>[1] = {}): Promise<{ session: SpdySession; peer: TestPeer }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  const peer = new TestPeer(await accepted);
  const session = new SpdySession(client, options);
  t.after(() => {
    session.destroy();
    peer.socket.destroy();
    server.close();
  });
  return { session, peer };
}

const collect = (stream: SpdyStream) => {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks);
};

describe('SPDY/3.1 session', () => {
  it('builds the SPDY/3 header dictionary byte for byte', () => {
    // sha256 of moby/spdystream spdy/dictionary.go's headerDictionary (1423 bytes).
    assert.equal(SPDY3_DICTIONARY.length, 1423);
    assert.equal(crypto.createHash('sha256').update(SPDY3_DICTIONARY).digest('hex'), '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
    // and the dictionary id a zlib stream names it by
    assert.equal(zlib.deflateSync(Buffer.from('x'), { dictionary: SPDY3_DICTIONARY }).readUInt32BE(2), 0xe3c6a7c2);
  });

  it('opens streams with SYN_STREAM: odd rising ids, lowercase headers, one compression context', async (t) => {
    const { session, peer } = await pair(t);
    const a = session.openStream({ streamtype: 'error' });
    const b = session.openStream({ StreamType: 'stdin', 'X-Multi': ['one', 'two'] });
    const c = session.openStream({ streamtype: 'stdout' });
    assert.deepEqual([a.id, b.id, c.id], [1, 3, 5]);
    const syns = await until('three SYN_STREAMs', () => peer.of(SYN_STREAM).length === 3 && peer.of(SYN_STREAM));
    assert.deepEqual(
      syns.map((f) => [f.streamId, f.flags, f.payload.readUInt32BE(4), f.payload[8]! >> 5, f.headers]),
      [
        [1, 0, 0, 0, { streamtype: ['error'] }],
        [3, 0, 0, 0, { streamtype: ['stdin'], 'x-multi': ['one', 'two'] }],
        [5, 0, 0, 0, { streamtype: ['stdout'] }],
      ],
    );
    // Later blocks lean on earlier ones: the third compresses smaller than the first.
    assert.ok(syns[2]!.payload.length < syns[0]!.payload.length, 'shared deflate context');
  });

  it('takes SYN_REPLY and HEADERS from a shared inflate context', async (t) => {
    const { session, peer } = await pair(t);
    peer.autoReply = false;
    const a = session.openStream({ streamtype: 'error' });
    const b = session.openStream({ streamtype: 'stdout' });
    await until('SYN_STREAMs', () => peer.of(SYN_STREAM).length === 2);
    peer.reply(1, { 'x-answer': 'first', status: '200 OK' });
    peer.reply(3, { 'x-answer': 'second', status: '200 OK' });
    const seen: Array<Record<string, string[]>> = [];
    a.on('headers', (h: Record<string, string[]>) => seen.push(h));
    peer.headers(1, { 'x-later': 'yes' });
    assert.deepEqual(await a.reply(), { 'x-answer': ['first'], status: ['200 OK'] });
    assert.deepEqual(await b.reply(), { 'x-answer': ['second'], status: ['200 OK'] });
    await until('HEADERS', () => seen.length === 1);
    assert.deepEqual(seen[0], { 'x-later': ['yes'] });
  });

  it('carries DATA both ways, FIN as end, and closes a stream done both ways', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdin' });
    const got = collect(s);
    let ended = false;
    let closed = false;
    s.on('end', () => (ended = true));
    s.on('close', () => (closed = true));
    await s.reply();
    s.write('hello ');
    s.write(Buffer.alloc(40_000, 'x'));
    s.end();
    peer.data(1, 'from the server');
    peer.data(1, '', FIN);
    const frames = await until('DATA with FIN', () => peer.of(0, 1).some((f) => f.flags & FIN) && peer.of(0, 1));
    assert.equal(Buffer.concat(frames.map((f) => f.payload)).toString(), 'hello ' + 'x'.repeat(40_000));
    assert.ok(frames.every((f) => f.payload.length <= 16384), 'DATA frames of at most 16 KiB');
    assert.equal(frames.at(-1)!.payload.length, 0, 'end() is an empty DATA frame with FLAG_FIN');
    await until('end and close', () => ended && closed);
    assert.equal(got().toString(), 'from the server');
    assert.equal(peer.of(RST_STREAM).length, 0, 'a stream closed both ways is not reset');
  });

  it('keeps to the peer’s windows when sending, and goes on after WINDOW_UPDATE', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdin' });
    let written = false;
    s.write(Buffer.alloc(100 * 1024, 'a'), () => (written = true));
    await until('the first window', () => peer.received === 65536);
    await session.ping(); // nothing more was sent before the PING went out
    assert.equal(peer.received, 65536);
    assert.equal(written, false);
    peer.windowUpdate(1, 65536); // the stream may go on, the session may not
    await peer.flushed();
    await session.ping();
    assert.equal(peer.received, 65536);
    peer.windowUpdate(0, 65536);
    await until('the rest', () => peer.received === 100 * 1024);
    await until('the write callback', () => written);
  });

  it('takes SETTINGS_INITIAL_WINDOW_SIZE and ignores other settings', async (t) => {
    const { session, peer } = await pair(t);
    // id 4 (max concurrent streams) = 10, id 7 (initial window) = 1000
    peer.send(control(SETTINGS, 0, words(2, 4, 10, 7, 1000)));
    await peer.flushed();
    await session.ping();
    const s = session.openStream({ streamtype: 'stdin' });
    s.write(Buffer.alloc(5000, 'b'));
    await until('1000 bytes', () => peer.received === 1000);
    await session.ping();
    assert.equal(peer.received, 1000);
    peer.windowUpdate(1, 4000);
    await until('the rest', () => peer.received === 5000);
  });

  it('without flow control (spdystream peers): sends past the windows, sends no WINDOW_UPDATE', async (t) => {
    const { session, peer } = await pair(t, { flowControl: false });
    const s = session.openStream({ streamtype: 'stdin' });
    const got = collect(s);
    s.end(Buffer.alloc(300 * 1024, 'c'));
    await until('all of it', () => peer.received === 300 * 1024);
    peer.data(1, Buffer.alloc(200 * 1024, 'd'));
    await until('the peer’s data', () => got().length === 200 * 1024);
    await session.ping();
    assert.equal(peer.of(WINDOW_UPDATE).length, 0);
  });

  it('gives window back with WINDOW_UPDATE as the reader consumes', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdout' });
    await s.reply();
    s.pause();
    peer.data(1, Buffer.alloc(60_000, 'd'));
    await peer.flushed();
    await session.ping();
    assert.equal(peer.of(WINDOW_UPDATE).length, 0, 'nothing read, nothing given back');
    const got = collect(s);
    s.resume();
    await until('the data', () => got().length === 60_000);
    const updates = await until('stream and session updates', () => peer.of(WINDOW_UPDATE).length === 2 && peer.of(WINDOW_UPDATE));
    assert.deepEqual(
      updates.map((f) => [f.streamId, f.payload.readUInt32BE(4)]).sort(),
      [
        [0, 60_000],
        [1, 60_000],
      ],
    );
    peer.data(1, Buffer.alloc(100_000, 'e'));
    await until('more data', () => got().length === 160_000);
    const total = (id: number) => peer.of(WINDOW_UPDATE, id).reduce((n, f) => n + f.payload.readUInt32BE(4), 0);
    await until('windows given back', () => total(1) > 160_000 - 32768 && total(0) > 160_000 - 32768);
  });

  it('stops reading the socket while a reader is behind a peer that ignores windows', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdout' });
    await s.reply();
    s.pause();
    const frameSize = 65536;
    const total = 16 * 1024 * 1024;
    for (let i = 0; i < total / frameSize; i++) peer.data(1, Buffer.alloc(frameSize, i % 251));
    // Backpressure reaches the peer: its socket holds what the kernel would not take.
    await until('the peer held back', () => peer.socket.writableLength > 0 && s.readableLength > 65536, 10_000);
    assert.ok(s.readableLength <= 65537 + frameSize, `buffered ${s.readableLength}`);
    const got = collect(s);
    s.resume();
    await until('everything, in order', () => got().length === total, 10_000);
    const bytes = got();
    for (let i = 0; i < total / frameSize; i++) assert.equal(bytes[i * frameSize], i % 251);
  });

  it('echoes the server’s PINGs and times its own', async (t) => {
    const { session, peer } = await pair(t);
    peer.send(control(PING, 0, words(2)));
    const echo = await until('the echo', () => peer.of(PING).find((f) => f.payload.readUInt32BE(0) === 2));
    assert.equal(echo.flags, 0);
    const rtt = await session.ping();
    assert.ok(rtt >= 0);
    assert.ok(peer.of(PING).some((f) => f.payload.readUInt32BE(0) === 1), 'client PINGs have odd ids');
  });

  it('ends a stream reset by the peer like a FIN, keeping what came before', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdout' });
    const got = collect(s);
    const resets: number[] = [];
    const errorsSeen: Error[] = [];
    s.on('reset', (code: number) => resets.push(code));
    s.on('error', (e: Error) => errorsSeen.push(e));
    let closed = false;
    s.on('close', () => (closed = true));
    await s.reply();
    peer.data(1, 'last words');
    peer.rst(1, CANCEL);
    await until('close', () => closed);
    assert.equal(got().toString(), 'last words');
    assert.deepEqual(resets, [CANCEL]);
    assert.equal(s.resetCode, CANCEL);
    assert.deepEqual(errorsSeen, []);
    s.write('dropped'); // nothing goes out on a reset stream, and no error either
    await session.ping();
    assert.equal(peer.of(0, 1).length, 0);
  });

  it('resets a stream with RST_STREAM CANCEL', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdin' });
    s.reset();
    const rst = await until('RST_STREAM', () => peer.of(RST_STREAM)[0]);
    assert.deepEqual([rst.streamId, rst.payload.readUInt32BE(4), rst.payload.length], [1, CANCEL, 8]);
    assert.ok(peer.frames.indexOf(peer.of(SYN_STREAM)[0]!) < peer.frames.indexOf(rst), 'RST after the SYN_STREAM');
  });

  it('takes GOAWAY: no new streams, later ones refused', async (t) => {
    const { session, peer } = await pair(t);
    const a = session.openStream({ streamtype: 'error' });
    const b = session.openStream({ streamtype: 'stdin' });
    await until('SYN_STREAMs', () => peer.of(SYN_STREAM).length === 2);
    const goaway = new Promise<[number, number]>((resolve) => session.once('goaway', (last: number, status: number) => resolve([last, status])));
    peer.send(control(GOAWAY, 0, words(1, 0)));
    assert.deepEqual(await goaway, [1, 0]);
    assert.equal(b.resetCode, 3, 'stream 3 was after the last good one: REFUSED_STREAM');
    assert.equal(a.resetCode, undefined);
    assert.throws(() => session.openStream({ streamtype: 'stdout' }), /closing/);
  });

  it('closes as client-go does: open streams reset, GOAWAY, socket ended', async (t) => {
    const { session, peer } = await pair(t);
    const a = session.openStream({ streamtype: 'error' });
    await a.reply();
    const ended = new Promise<void>((resolve) => peer.socket.once('end', resolve));
    const closing = session.close();
    await ended;
    peer.socket.end();
    await closing;
    assert.deepEqual(
      peer.frames.filter((f) => f.control && f.type !== SYN_STREAM).map((f) => [f.type, f.payload.readUInt32BE(0), f.payload.readUInt32BE(4)]),
      [
        [RST_STREAM, 1, CANCEL],
        [GOAWAY, 0, 0],
      ],
    );
    assert.equal(session.closed, true);
  });

  it('ends every stream when the peer closes the connection', async (t) => {
    const { session, peer } = await pair(t);
    const s = session.openStream({ streamtype: 'stdout' });
    const got = collect(s);
    let ended = false;
    s.on('end', () => (ended = true));
    await s.reply();
    peer.data(1, 'bye');
    await peer.flushed();
    peer.socket.end();
    assert.equal(await session.whenClosed(), undefined);
    await until('end', () => ended);
    assert.equal(got().toString(), 'bye');
    await assert.rejects(session.ping(), /closed/);
  });

  it('fails on a frame of another SPDY version, with GOAWAY PROTOCOL_ERROR', async (t) => {
    const { session, peer } = await pair(t);
    const bad = control(PING, 0, words(2));
    bad.writeUInt16BE(0x8002, 0);
    peer.send(bad);
    const err = await session.whenClosed();
    assert.match(String(err), /unsupported SPDY version 2/);
    const goaway = await until('GOAWAY', () => peer.of(GOAWAY)[0]);
    assert.equal(goaway.payload.readUInt32BE(4), 1);
  });
});

// ----- the translator -----

const SUCCESS = '{"metadata":{},"status":"Success"}';
const EXIT_3 =
  '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}';

interface Backend {
  url: URL;
  peers: TestPeer[];
  requests: http.IncomingMessage[];
  resizes: string[];
  stdinClosed: boolean;
}

/**
 * A fake CRI streaming server: SPDY v4 on /exec/token, echoing stdin to
 * stdout (and to stderr when there is one). When stdin ends it writes
 * `finalStatus` on the error stream, then, like the kubelet's streaming code,
 * resets every stream and closes the connection.
 */
async function startBackend(t: TestContext, finalStatus = SUCCESS): Promise<Backend> {
  const server = http.createServer((_req, res) => res.writeHead(404).end('not found'));
  const backend: Backend = { url: new URL('http://127.0.0.1/'), peers: [], requests: [], resizes: [], stdinClosed: false };
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    backend.requests.push(req);
    if (req.url !== '/exec/token') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\ntoken not found\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n');
    const peer = new TestPeer(socket, head);
    backend.peers.push(peer);
    peer.on('frame', (f: Frame) => {
      if (f.control) return;
      const type = peer.streamType(f);
      if (type === 'resize' && f.payload.length) backend.resizes.push(f.payload.toString());
      if (type !== 'stdin') return;
      if (f.payload.length) {
        peer.data(peer.idOf('stdout'), f.payload);
        if (peer.of(SYN_STREAM).some((s) => s.headers?.streamtype?.[0] === 'stderr')) peer.data(peer.idOf('stderr'), f.payload);
      }
      if (f.flags & FIN) {
        backend.stdinClosed = true;
        peer.data(peer.idOf('error'), finalStatus);
        for (const syn of peer.of(SYN_STREAM)) peer.rst(syn.streamId, CANCEL);
        void peer.flushed().then(() => peer.socket.end());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  backend.url = new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/exec/token`);
  t.after(() => {
    for (const p of backend.peers) p.socket.destroy();
    server.closeAllConnections();
    server.close();
  });
  return backend;
}

/** The API server's part: every upgrade translated to `target`. */
async function startTranslator(t: TestContext, target: () => URL, options: TranslateOptions): Promise<number> {
  const server = http.createServer();
  const sockets = new Set<net.Socket>();
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    sockets.add(socket);
    translateToSpdy(req, socket, head, target(), options).catch((err: unknown) => rejectUpgrade(socket, err));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

interface Client {
  ws: WebSocket;
  messages: Buffer[];
  channel: (n: number) => string;
  closed: Promise<number>;
}

async function connect(t: TestContext, port: number, protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io']): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/namespaces/default/pods/p/exec?command=cat&stdin=true&stdout=true`, protocols);
  t.after(() => ws.terminate());
  const messages: Buffer[] = [];
  ws.on('message', (d: Buffer) => messages.push(d));
  const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const channel = (n: number) =>
    Buffer.concat(messages.filter((m) => m[0] === n).map((m) => m.subarray(1))).toString();
  return { ws, messages, channel, closed };
}

const frame = (channel: number, payload: string | Buffer = '') => Buffer.concat([Buffer.from([channel]), Buffer.from(payload)]);

describe('WebSocket v5 → SPDY translator', () => {
  it('echoes stdin, passes the stdin close, resize and the status on, and closes normally', async (t) => {
    const backend = await startBackend(t);
    const port = await startTranslator(t, () => backend.url, { stdin: true, stdout: true, stderr: false, tty: true });
    const client = await connect(t, port);
    assert.equal(client.ws.protocol, 'v5.channel.k8s.io');

    // The SPDY side as client-go opens it.
    const req = backend.requests[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers.upgrade, 'SPDY/3.1');
    assert.equal(req.headers['x-stream-protocol-version'], 'v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io');
    const peer = backend.peers[0]!;
    assert.deepEqual(
      peer.of(SYN_STREAM).map((s) => [s.streamId, s.headers]),
      [
        [1, { streamtype: ['error'] }],
        [3, { streamtype: ['stdin'] }],
        [5, { streamtype: ['stdout'] }],
        [7, { streamtype: ['resize'] }],
      ],
    );

    await until('the first, empty stdout message', () => client.messages.length >= 1);
    assert.deepEqual(client.messages[0], Buffer.from([1]));

    client.ws.send(frame(4, '{"Width":80,"Height":24}\n'));
    client.ws.send(frame(0, 'hello\n'));
    await until('the echo', () => client.channel(1) === 'hello\n');
    await until('the resize', () => backend.resizes.length === 1);
    assert.deepEqual(backend.resizes, ['{"Width":80,"Height":24}\n']);
    assert.equal(backend.stdinClosed, false);

    client.ws.send(Buffer.from([255, 0])); // v5: stdin is done
    assert.equal(await client.closed, 1000);
    assert.equal(backend.stdinClosed, true);
    assert.equal(client.channel(3), SUCCESS);
    const stdinFrames = peer.of(0, 3);
    assert.equal(stdinFrames.at(-1)!.flags & FIN, FIN);
    // and the SPDY connection is closed too
    await until('the backend connection closed', () => peer.socket.destroyed || peer.socket.readableEnded);
  });

  it('carries stdout and stderr without a tty, a large stdin, and a failure status as it came', async (t) => {
    const backend = await startBackend(t, EXIT_3);
    const port = await startTranslator(t, () => backend.url, { stdin: true, stdout: true, stderr: true, tty: false });
    const client = await connect(t, port);
    const peer = backend.peers[0]!;
    assert.deepEqual(
      peer.of(SYN_STREAM).map((s) => s.headers!.streamtype![0]),
      ['error', 'stdin', 'stdout', 'stderr'],
    );
    // Past the 64 KiB windows, which a spdystream server never reopens.
    const big = crypto.randomBytes(300 * 1024).toString('hex'); // 600 KiB of text
    for (let i = 0; i < big.length; i += 50_000) client.ws.send(frame(0, big.slice(i, i + 50_000)));
    client.ws.send(Buffer.from([255, 0]));
    assert.equal(await client.closed, 1000);
    assert.equal(client.channel(1), big);
    assert.equal(client.channel(2), big);
    assert.equal(client.channel(3), EXIT_3);
  });

  it('answers the upgrade with an error when the streaming server refuses', async (t) => {
    const backend = await startBackend(t);
    const port = await startTranslator(t, () => new URL('/exec/expired', backend.url), { stdin: true, stdout: true, stderr: false, tty: false });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/exec`, ['v5.channel.k8s.io']);
    t.after(() => ws.terminate());
    const [status, body] = await new Promise<[number, string]>((resolve) => {
      ws.on('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve([res.statusCode ?? 0, text]));
      });
      ws.on('error', () => undefined);
    });
    assert.equal(status, 500);
    assert.match(JSON.parse(body).message, /^Internal error occurred: unable to upgrade connection: token not found/);
  });

  it('refuses a WebSocket without v5', async (t) => {
    const backend = await startBackend(t);
    const port = await startTranslator(t, () => backend.url, { stdin: true, stdout: true, stderr: false, tty: false });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/exec`, ['v4.channel.k8s.io']);
    t.after(() => ws.terminate());
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    assert.equal(status, 400);
    assert.equal(backend.requests.length, 0);
  });

  it('closes the SPDY side when the client goes away', async (t) => {
    const backend = await startBackend(t);
    const port = await startTranslator(t, () => backend.url, { stdin: true, stdout: true, stderr: false, tty: false });
    const client = await connect(t, port);
    const peer = backend.peers[0]!;
    const gone = new Promise<void>((resolve) => peer.socket.once('close', () => resolve()));
    client.ws.terminate();
    await gone;
    assert.equal(backend.stdinClosed, false);
  });

  it('reports a broken close signal as a protocol error', async (t) => {
    const backend = await startBackend(t);
    const port = await startTranslator(t, () => backend.url, { stdin: true, stdout: true, stderr: false, tty: false });
    const client = await connect(t, port);
    client.ws.send(Buffer.from([255, 0, 1]));
    assert.equal(await client.closed, 1002);
  });
});
