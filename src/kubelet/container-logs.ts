// A container's log as the kubelet's /containerLogs endpoint serves it to
// `kubectl logs`: the runtime writes the CRI log format, one line per
// write,
//
//   2016-10-06T00:17:09.669794202Z stdout F log content
//   2016-10-06T00:17:09.669794203Z stderr P first half of a long line
//   2016-10-06T00:17:09.669794204Z stderr F and its second half
//
// (timestamp, stream, tags split by ':' whose first is P for a fragment
// continued on the next line or F for the end of one, then the content),
// and this turns it back into what the container printed, both streams
// interleaved in file order, with upstream's options (PodLogOptions):
// tailLines, since, timestamps, limitBytes and follow. The rules follow
// upstream's ReadLogs (k8s.io/cri-client/pkg/logs in v1.32), with these
// differences:
//   - tailLines counts whole lines (a run of P fragments and their F), so
//     the output never starts in the middle of a line; upstream counts
//     the file's lines, fragments included.
//   - When following, a rotated log (the kubelet renames FILE to
//     FILE.<timestamp> and the runtime opens a new FILE) is read to its end
//     before going on with the new file from its start; upstream switches
//     to the new file when it sees it created. A log truncated in place
//     (copytruncate) is read again from its start; upstream does not notice.
//   - Only the CRI format is read (not Docker's json-file format).
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface LogOptions {
  follow?: boolean;
  /** Only the last N lines (kubectl --tail) */
  tailLines?: number;
  /** Only lines at or after this time (kubectl --since / --since-time) */
  since?: Date;
  /** Prefix each line with its RFC3339Nano timestamp and a space (kubectl --timestamps) */
  timestamps?: boolean;
  /** Stop after this many bytes */
  limitBytes?: number;
}

/** How following waits for new lines (tests shorten the poll). */
export interface FollowTuning {
  /** The fallback poll, and how soon a stopped container is noticed: upstream's logForceCheckPeriod, 1 s. */
  pollMs?: number;
  /** Watch the log's directory for changes (default true); without it only the poll wakes the reader. */
  watch?: boolean;
}

/** Opening the log failed; `code` is the system's (ENOENT when there is no such file). */
export class ContainerLogError extends Error {
  override readonly name = 'ContainerLogError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface CriLogLine {
  time: Date;
  timestampText: string;
  stream: 'stdout' | 'stderr';
  partial: boolean;
  content: string;
}

const CHUNK = 64 * 1024;
const DEFAULT_POLL_MS = 1000;
const NL = 0x0a;
const SP = 0x20;
const NEWLINE = Buffer.from('\n');
/** Enough of a line's start to hold its timestamp, stream and tags. */
const HEADER_BYTES = 256;

// RFC 3339 as Go's time.Parse reads upstream's RFC3339NanoLenient
// (2006-01-02T15:04:05.999999999Z07:00): the fraction is optional, of any
// length (digits past the ninth are dropped), after '.' or ','.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch (rounded down) of an RFC 3339 time as upstream reads it, or undefined. */
function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMin = 0;
  if (m[8]) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMin * 60) * 1000 + ms;
}

/** Upstream's output form of a time it parsed (RFC3339NanoFixed): nine fraction digits, Z for a zero offset. */
function fixedTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text)!;
  const zone = !m[8] || (m[9] === '00' && m[10] === '00') ? 'Z' : text.slice(-6);
  return `${text.slice(0, 19)}.${(m[7] ?? '').slice(0, 9).padEnd(9, '0')}${zone}`;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

interface Header {
  timestampText: string;
  ms: number;
  stream: 'stdout' | 'stderr';
  partial: boolean;
  /** Where the content starts. */
  content: number;
}

/** The fields before the content of one line (without its newline), or undefined if it is not a CRI log line. */
function parseHeader(line: Buffer): Header | undefined {
  const s1 = line.indexOf(SP);
  if (s1 < 0 || s1 > 64) return undefined;
  const timestampText = line.toString('latin1', 0, s1);
  const ms = parseTimestamp(timestampText);
  if (ms === undefined) return undefined;
  const s2 = line.indexOf(SP, s1 + 1);
  if (s2 < 0) return undefined;
  const stream = line.toString('latin1', s1 + 1, s2);
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const s3 = line.indexOf(SP, s2 + 1);
  if (s3 < 0) return undefined;
  // Tags are ':'-separated for forward compatibility; the first says partial or full.
  const tags = line.toString('latin1', s2 + 1, s3);
  const colon = tags.indexOf(':');
  const partial = (colon < 0 ? tags : tags.slice(0, colon)) === 'P';
  return { timestampText, ms, stream, partial, content: s3 + 1 };
}

/** One parsed line. */
export function parseCriLogLine(line: string): CriLogLine | undefined {
  const bytes = Buffer.from(line.endsWith('\n') ? line.slice(0, -1) : line, 'utf8');
  const h = parseHeader(bytes);
  if (!h) return undefined;
  return {
    time: new Date(h.ms),
    timestampText: h.timestampText,
    stream: h.stream,
    partial: h.partial,
    content: bytes.toString('utf8', h.content),
  };
}

/** Splits what is read into lines, keeping an unfinished last line for the next read. */
class LineSplitter {
  private pending: Buffer[] = [];

  push(chunk: Buffer, line: (raw: Buffer) => void): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, from);
      if (nl < 0) break;
      let raw = chunk.subarray(from, nl);
      if (this.pending.length > 0) {
        raw = Buffer.concat([...this.pending, raw]);
        this.pending = [];
      }
      line(raw);
      from = nl + 1;
    }
    if (from < chunk.length) this.pending.push(chunk.subarray(from));
  }

  /** The unfinished line, if any, and forget it. */
  take(): Buffer | undefined {
    if (this.pending.length === 0) return undefined;
    const rest = Buffer.concat(this.pending);
    this.pending = [];
    return rest;
  }
}

type Out = NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean };

const outGone = (out: Out) => out.destroyed === true || out.writableEnded === true;

/** Resolves true on 'drain', false if the stream closes or fails or the signal aborts first. */
function drained(out: Out, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      out.removeListener('drain', onDrain);
      out.removeListener('close', onGone);
      out.removeListener('error', onGone);
      signal?.removeEventListener('abort', onGone);
      resolve(ok);
    };
    const onDrain = () => finish(true);
    const onGone = () => finish(false);
    if (signal?.aborted || outGone(out)) return resolve(false);
    out.once('drain', onDrain);
    out.once('close', onGone);
    out.once('error', onGone);
    signal?.addEventListener('abort', onGone, { once: true });
  });
}

/** Turns log lines into output: since, timestamps and limitBytes, batched per read and written with backpressure. */
class LogSink {
  private pieces: Buffer[] = [];
  private remaining: number;
  /** The next fragment starts a line (it gets the timestamp prefix). */
  private atLineStart = true;
  /** limitBytes reached, or nowhere left to write. */
  done = false;

  constructor(
    private readonly out: Out,
    private readonly options: LogOptions,
    private readonly signal: AbortSignal | undefined,
  ) {
    const limit = options.limitBytes;
    this.remaining = limit !== undefined && limit >= 0 ? limit : Infinity;
    if (this.remaining === 0) this.done = true;
  }

  get stopped(): boolean {
    return this.done || this.signal?.aborted === true || outGone(this.out);
  }

  /** One line of the file, without its newline; `terminated` when the newline was there. */
  line(raw: Buffer, terminated: boolean): void {
    if (this.done) return;
    const h = parseHeader(raw);
    if (!h) return; // upstream logs and skips lines it cannot parse
    const startsLine = this.atLineStart;
    const endsLine = terminated && !h.partial;
    this.atLineStart = endsLine;
    // Upstream filters each fragment by its own time.
    if (this.options.since && h.ms < this.options.since.getTime()) return;
    if (this.options.timestamps && startsLine) this.put(Buffer.from(`${fixedTimestamp(h.timestampText)} `, 'latin1'));
    this.put(raw.subarray(h.content));
    if (endsLine) this.put(NEWLINE);
  }

  private put(bytes: Buffer): void {
    if (this.done || bytes.length === 0) return;
    if (bytes.length >= this.remaining) {
      bytes = bytes.subarray(0, this.remaining);
      this.done = true;
    }
    this.remaining -= bytes.length;
    this.pieces.push(bytes);
  }

  /** Writes what has gathered; waits for 'drain' when the stream asks to. */
  async flush(): Promise<void> {
    if (this.pieces.length === 0) return;
    // concat copies, so the stream never holds on to a read buffer.
    const data = Buffer.concat(this.pieces);
    this.pieces = [];
    if (this.signal?.aborted || outGone(this.out)) {
      this.done = true;
      return;
    }
    if (!this.out.write(data) && !(await drained(this.out, this.signal))) this.done = true;
  }
}

/** Reads exactly `length` bytes at `position` (fewer only at the end of the file). */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** The start of a line whose first bytes are `chunk[from..]` followed by `next`. */
function lineStart(chunk: Buffer, from: number, next: Buffer): Buffer {
  const own = chunk.subarray(from, from + HEADER_BYTES);
  const start = own.length >= HEADER_BYTES ? own : Buffer.concat([own, next]).subarray(0, HEADER_BYTES);
  const nl = start.indexOf(NL);
  return nl < 0 ? start : start.subarray(0, nl);
}

/**
 * Where the last `n` lines start, reading the file backwards in chunks;
 * `end` is just past the last newline (a line still being written does
 * not count, as upstream). A line is a run of P fragments and the F line
 * that ends it; P fragments at the end with no F yet count as one line.
 * Lines that do not parse count for nothing (they are skipped on output).
 */
async function findTail(handle: FileHandle, n: number): Promise<{ start: number; end: number }> {
  const size = (await handle.stat()).size;
  let end = -1;
  /** The newline ending the line whose start we look for next. */
  let lineEnd = -1;
  /** Lines found so far, and whether the one being gathered (going backwards) has a fragment yet. */
  let count = 0;
  let gathering = false;
  /** The first bytes after the current chunk, for a line start that a chunk boundary cuts. */
  let next = Buffer.alloc(0);
  // A line [start, lineEnd] has been reached; returns the tail's start once n lines are found.
  const reached = (header: Buffer): number | undefined => {
    const h = parseHeader(header);
    if (!h) return undefined;
    // An F line closes the line after it (if that one had fragments) and, like a P line, belongs to the one before.
    if (!h.partial && gathering && ++count === n) return lineEnd + 1;
    gathering = true;
    return undefined;
  };
  let right = size;
  while (right > 0) {
    const left = Math.max(0, right - CHUNK);
    const chunk = await readAt(handle, left, right - left);
    for (let i = chunk.length; i > 0; ) {
      const nl = chunk.lastIndexOf(NL, i - 1);
      if (nl < 0) break;
      if (end < 0) {
        end = left + nl + 1;
        if (n === 0) return { start: end, end };
      } else {
        const found = reached(lineStart(chunk, nl + 1, next));
        if (found !== undefined) return { start: found, end };
      }
      lineEnd = left + nl;
      i = nl;
    }
    next = Buffer.concat([chunk.subarray(0, HEADER_BYTES), next]).subarray(0, HEADER_BYTES);
    right = left;
  }
  if (end < 0) return { start: 0, end: 0 };
  // The file's first line.
  const found = reached(lineStart(next, 0, Buffer.alloc(0)));
  // Otherwise the file holds n lines or fewer: all of them.
  return { start: found ?? 0, end };
}

async function openLog(file: string): Promise<{ path: string; handle: FileHandle }> {
  let real: string;
  let handle: FileHandle;
  try {
    // As upstream: resolve symlinks (/var/log/containers/* point into /var/log/pods) so the watch is on the real directory.
    real = await fsp.realpath(file);
    handle = await fsp.open(real, 'r');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    throw new ContainerLogError(`failed to open log file "${file}": ${why}`, e.code, { cause: err });
  }
  return { path: real, handle };
}

/**
 * Writes the log at `file` to `out` with those options. With follow, keeps
 * reading new lines as the file grows (fs.watch on its directory plus a
 * fallback poll, no busy loop) until `stillRunning()` returns false and the
 * file has been drained, or until `signal` aborts or `out` closes (the
 * client went away). Follows the kubelet's rotation (FILE renamed to
 * FILE.<timestamp>, a new FILE opened). Resolves when done; does not end
 * `out`. Throws ContainerLogError if the file cannot be opened.
 */
export async function writeContainerLog(
  file: string,
  options: LogOptions,
  out: NodeJS.WritableStream,
  stillRunning: () => boolean | Promise<boolean>,
  signal?: AbortSignal,
  tuning: FollowTuning = {},
): Promise<void> {
  const opened = await openLog(file);
  let handle = opened.handle;
  const sink = new LogSink(out as Out, options, signal);
  const splitter = new LineSplitter();
  let position = 0;
  const tail = options.tailLines !== undefined && options.tailLines >= 0 ? Math.floor(options.tailLines) : undefined;

  /** Reads from `position` to the end of the file (or `limit`), writing what it finds. */
  const pump = async (limit = Infinity): Promise<void> => {
    while (!sink.stopped && position < limit) {
      const chunk = await readAt(handle, position, Math.min(CHUNK, limit - position));
      if (chunk.length === 0) break;
      position += chunk.length;
      splitter.push(chunk, (raw) => sink.line(raw, true));
      await sink.flush();
    }
  };

  try {
    if (sink.stopped) return;
    let end = Infinity;
    if (tail !== undefined) {
      const found = await findTail(handle, tail);
      position = found.start;
      // Without follow, what was there when we looked: the last `tail` lines and nothing after.
      if (!options.follow) end = found.end;
    }
    if (!options.follow) {
      await pump(end);
      if (end === Infinity) {
        // As upstream, a last line without its newline is written too.
        const rest = splitter.take();
        if (rest && !sink.stopped) {
          sink.line(rest, false);
          await sink.flush();
        }
      }
      return;
    }

    // Following. Watch before the first read so no change goes unseen.
    let dirty = false;
    let wake: (() => void) | undefined;
    let watcher: fs.FSWatcher | undefined;
    if (tuning.watch !== false) {
      try {
        watcher = fs.watch(path.dirname(opened.path), { persistent: false }, () => {
          dirty = true;
          wake?.();
        });
        watcher.on('error', () => {
          watcher?.close();
          watcher = undefined;
        });
      } catch {
        watcher = undefined; // the poll still runs
      }
    }
    const pollMs = tuning.pollMs ?? DEFAULT_POLL_MS;
    const changed = () =>
      new Promise<void>((resolve) => {
        if (dirty || sink.stopped) return resolve();
        const finish = () => {
          clearTimeout(timer);
          wake = undefined;
          signal?.removeEventListener('abort', finish);
          out.removeListener('close', finish);
          resolve();
        };
        const timer = setTimeout(finish, pollMs);
        wake = finish;
        signal?.addEventListener('abort', finish, { once: true });
        out.once('close', finish);
      });

    /** A new file in place of ours (rotation) or ours cut short (copytruncate): go on with it from its start. */
    const replaced = async (): Promise<boolean> => {
      let now: fs.Stats;
      try {
        now = await fsp.stat(opened.path);
      } catch {
        return false; // renamed away and no new file yet: keep reading the old one
      }
      const ours = await handle.stat();
      if (now.ino !== ours.ino || now.dev !== ours.dev) {
        await pump(); // the rest of the rotated file first
        let fresh: FileHandle;
        try {
          fresh = await fsp.open(opened.path, 'r');
        } catch {
          return false;
        }
        await handle.close();
        handle = fresh;
        position = 0;
        splitter.take(); // an unfinished last line of the old file stays unfinished
        return true;
      }
      if (ours.size < position) {
        position = 0;
        splitter.take();
        return true;
      }
      return false;
    };

    try {
      let draining = false;
      for (;;) {
        dirty = false;
        await pump();
        if (sink.stopped) return;
        if (await replaced()) continue;
        if (sink.stopped || draining) return;
        // As upstream: once the container has stopped, read to the end once more and finish.
        if (!(await stillRunning())) {
          draining = true;
          continue;
        }
        await changed();
      }
    } finally {
      watcher?.close();
    }
  } finally {
    await handle.close();
  }
}
