// Reading a container's CRI log as `kubectl logs` gets it from the
// kubelet: fragments joined, tail, since, timestamps, limitBytes, and
// following a growing (or rotated) file until the container stops or the
// client goes away.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, it, type TestContext } from 'node:test';
import { ContainerLogError, parseCriLogLine, writeContainerLog, type FollowTuning, type LogOptions } from '../../src/kubelet/container-logs.js';
import { eventually, tempDir, withDeadline } from '../helpers.js';

const T0 = '2024-05-01T10:00:00.000000000Z';
const T1 = '2024-05-01T10:00:01.000500000Z';
const T2 = '2024-05-01T10:00:02Z';

const cri = (time: string, stream: 'stdout' | 'stderr', tag: string, content: string) => `${time} ${stream} ${tag} ${content}\n`;
const full = (content: string, stream: 'stdout' | 'stderr' = 'stdout', time = T0) => cri(time, stream, 'F', content);
const part = (content: string, stream: 'stdout' | 'stderr' = 'stdout', time = T0) => cri(time, stream, 'P', content);

function collector(options: { highWaterMark?: number; write?: (chunk: Buffer, done: () => void) => void } = {}) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: options.highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      if (options.write) options.write(chunk, () => callback());
      else callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function logFile(t: TestContext, content: string, name = '0.log'): string {
  const file = path.join(tempDir(t, 'peapod-logs-'), name);
  fs.writeFileSync(file, content);
  return file;
}

async function read(file: string, options: LogOptions = {}): Promise<string> {
  const out = collector();
  await writeContainerLog(file, options, out.stream, () => false);
  return out.text();
}

/** Follows `file`; aborted when the test ends, so a failing test leaves no follower running. */
function follow(t: TestContext, file: string, options: LogOptions, stillRunning: () => boolean, tuning: FollowTuning = { pollMs: 20 }) {
  const out = collector();
  const abort = new AbortController();
  t.after(() => abort.abort());
  const done = writeContainerLog(file, { ...options, follow: true }, out.stream, stillRunning, abort.signal, tuning);
  return { out, abort, done };
}

/** Resolves once `out` holds exactly `want`; fails after a deadline, showing what it had. */
async function until(out: { text: () => string }, want: string, what: string): Promise<void> {
  try {
    await eventually(async () => (out.text() === want ? true : undefined), 5000, what);
  } catch (err) {
    assert.equal(out.text(), want, String(err));
  }
}

describe('CRI log lines', () => {
  it('parses timestamp, stream, tag and content', () => {
    const line = parseCriLogLine('2016-10-06T00:17:09.669794202Z stdout F log content\n');
    assert.ok(line);
    assert.equal(line.timestampText, '2016-10-06T00:17:09.669794202Z');
    assert.equal(line.time.toISOString(), '2016-10-06T00:17:09.669Z');
    assert.equal(line.stream, 'stdout');
    assert.equal(line.partial, false);
    assert.equal(line.content, 'log content');

    const p = parseCriLogLine('2016-10-06T02:17:09.5+02:00 stderr P:future-tag  two spaces');
    assert.ok(p);
    assert.equal(p.time.toISOString(), '2016-10-06T00:17:09.500Z');
    assert.equal(p.stream, 'stderr');
    assert.equal(p.partial, true);
    assert.equal(p.content, ' two spaces');

    assert.equal(parseCriLogLine('2016-10-06T00:17:09Z stdout F ')?.content, '');
    assert.equal(parseCriLogLine('2016-10-06T00:17:09Z stdout F x')?.time.getTime(), Date.UTC(2016, 9, 6, 0, 17, 9));
  });

  it('rejects what is not a CRI log line', () => {
    for (const bad of [
      'plain text',
      '2016-10-06T00:17:09Z stdin F x', // not a stream
      '2016-10-06T00:17:09Z stdout F', // no space before the content
      '2016-10-06 00:17:09Z stdout F x',
      '2016-13-06T00:17:09Z stdout F x', // month 13
      '2016-02-30T00:17:09Z stdout F x',
      '2016-10-06T00:17:09 stdout F x', // no zone
      '{"log":"x\\n","stream":"stdout","time":"2016-10-06T00:17:09Z"}',
    ]) {
      assert.equal(parseCriLogLine(bad), undefined, bad);
    }
  });
});

describe('container logs', () => {
  it('joins partial lines with the following ones, both streams in file order', async (t) => {
    const file = logFile(t, full('one') + part('two-a ', 'stderr') + part('two-b ', 'stderr') + full('two-c', 'stderr') + full('three') + full(''));
    assert.equal(await read(file), 'one\ntwo-a two-b two-c\nthree\n\n');
  });

  it('skips lines that do not parse and writes a last line that lacks its newline', async (t) => {
    const file = logFile(t, full('one') + 'garbage\n' + full('two') + `${T0} stdout F three`);
    assert.equal(await read(file), 'one\ntwo\nthree');
  });

  it('prefixes each line with its first fragment time, nine fraction digits as upstream', async (t) => {
    const file = logFile(
      t,
      cri('2024-05-01T10:00:00.5Z', 'stdout', 'P', 'ab') +
        cri('2024-05-01T10:00:00.6Z', 'stdout', 'F', 'cd') +
        cri('2024-05-01T12:00:00+02:00', 'stderr', 'F', 'x') +
        cri('2024-05-01T10:00:00.123456789+00:00', 'stdout', 'F', 'y'),
    );
    assert.equal(
      await read(file, { timestamps: true }),
      '2024-05-01T10:00:00.500000000Z abcd\n' + '2024-05-01T12:00:00.000000000+02:00 x\n' + '2024-05-01T10:00:00.123456789Z y\n',
    );
  });

  it('tails whole lines, counting a run of fragments as one', async (t) => {
    const file = logFile(t, full('a') + part('b1 ') + part('b2 ') + full('b3') + 'garbage\n' + full('c') + part('d1'));
    assert.equal(await read(file, { tailLines: 1 }), 'd1'); // fragments with no F yet are the last line
    assert.equal(await read(file, { tailLines: 2 }), 'c\nd1');
    assert.equal(await read(file, { tailLines: 3 }), 'b1 b2 b3\nc\nd1');
    assert.equal(await read(file, { tailLines: 4 }), 'a\nb1 b2 b3\nc\nd1');
    assert.equal(await read(file, { tailLines: 100 }), 'a\nb1 b2 b3\nc\nd1');
    assert.equal(await read(file, { tailLines: 0 }), '');
    assert.equal(await read(file, { tailLines: -1 }), 'a\nb1 b2 b3\nc\nd1');
    const ended = logFile(t, full('a') + full('b') + `${T0} stdout F still being writ`, '1.log');
    assert.equal(await read(ended, { tailLines: 1 }), 'b\n'); // as upstream, a line without its newline is not counted
  });

  it('tails a large file from its end, lines and fragments across read chunks', async (t) => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const lines: string[] = [];
    const parts: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const text = `line ${i} ${'x'.repeat(random(120))}`;
      lines.push(text);
      const stream = random(3) === 0 ? 'stderr' : 'stdout';
      if (random(5) === 0) {
        const cut = random(text.length);
        parts.push(part(text.slice(0, cut), stream), full(text.slice(cut), stream));
      } else {
        parts.push(full(text, stream));
      }
    }
    const file = logFile(t, parts.join(''));
    assert.ok(fs.statSync(file).size > 5_000_000);
    for (const n of [1, 7, 1000, 54_321, 99_999, 100_000, 250_000]) {
      const want = lines.slice(-n).map((l) => `${l}\n`).join('');
      const got = await read(file, { tailLines: n });
      assert.ok(got === want, `tail ${n}: got ${got.length} bytes starting ${JSON.stringify(got.slice(0, 40))}, want ${want.length} starting ${JSON.stringify(want.slice(0, 40))}`);
    }
  });

  it('keeps lines at or after since, by each line time to the nanosecond', async (t) => {
    const file = logFile(t, full('zero', 'stdout', T0) + full('one', 'stderr', T1) + full('offset', 'stdout', '2024-05-01T12:00:01.5+02:00') + full('two', 'stdout', T2));
    assert.equal(await read(file, { since: new Date('2024-05-01T10:00:01.000Z') }), 'one\noffset\ntwo\n');
    assert.equal(await read(file, { since: new Date('2024-05-01T10:00:01.001Z') }), 'offset\ntwo\n');
    assert.equal(await read(file, { since: new Date('2024-05-01T10:00:03Z') }), '');
    assert.equal(await read(file, { since: new Date('2024-05-01T10:00:01.001Z'), tailLines: 3 }), 'offset\ntwo\n');
  });

  it('stops after limitBytes, counting the timestamp prefix', async (t) => {
    const file = logFile(t, full('hello') + full('world'));
    assert.equal(await read(file, { limitBytes: 8 }), 'hello\nwo');
    assert.equal(await read(file, { limitBytes: 6 }), 'hello\n');
    assert.equal(await read(file, { limitBytes: 1000 }), 'hello\nworld\n');
    assert.equal(await read(file, { limitBytes: 0 }), '');
    assert.equal(await read(file, { limitBytes: 33, timestamps: true }), `${T0} he`);
    // Following too: the limit ends it while the container runs on.
    const limited = follow(t, file, { limitBytes: 3 }, () => true);
    await withDeadline(limited.done, 5000, 'follow with a limit');
    assert.equal(limited.out.text(), 'hel');
  });

  it('fails with the path and the reason when there is no log file', async (t) => {
    const missing = path.join(tempDir(t), 'gone.log');
    await assert.rejects(writeContainerLog(missing, {}, collector().stream, () => false), (err: unknown) => {
      assert.ok(err instanceof ContainerLogError);
      assert.equal(err.code, 'ENOENT');
      assert.match(err.message, /gone\.log.*no such file or directory/);
      return true;
    });
  });

  it('waits for a slow client (backpressure) and still writes everything', async (t) => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `line ${i} ${'y'.repeat(60)}`);
    const file = logFile(t, lines.map((l) => full(l)).join(''));
    let maxQueued = 0;
    const out = collector({
      highWaterMark: 16 * 1024,
      write: (_chunk, done) => {
        maxQueued = Math.max(maxQueued, out.stream.writableLength);
        setTimeout(done, 1);
      },
    });
    await withDeadline(writeContainerLog(file, {}, out.stream, () => false), 20_000, 'a slow client');
    assert.equal(out.text(), lines.map((l) => `${l}\n`).join(''));
    // A writer ignoring write()'s false would queue most of the ~4 MB; ours has at most one read's worth waiting.
    assert.ok(maxQueued <= 256 * 1024, `queued up to ${maxQueued} bytes`);
  });

  it('follows appended lines, and ends once the container stops and the file is drained', async (t) => {
    const file = logFile(t, full('a') + full('b', 'stderr'));
    let stopping = false;
    let finished = false;
    const stillRunning = () => {
      if (!stopping) return true;
      fs.appendFileSync(file, full('last', 'stderr'));
      return false;
    };
    const { out, done } = follow(t, file, {}, stillRunning);
    void done.finally(() => {
      finished = true;
    });
    await until(out, 'a\nb\n', 'the existing lines');
    fs.appendFileSync(file, part('c1 '));
    await until(out, 'a\nb\nc1 ', 'a fragment');
    fs.appendFileSync(file, `${T0} stdout F c2`); // a line caught half written waits for its newline
    fs.appendFileSync(file, '\n');
    await until(out, 'a\nb\nc1 c2\n', 'the rest of the line');
    assert.equal(finished, false);
    // The container's last words land after the reader has reached the end of the file, then it stops: they are still read.
    stopping = true;
    await withDeadline(done, 5000, 'follow to end after the container stopped');
    assert.equal(out.text(), 'a\nb\nc1 c2\nlast\n');
  });

  it('is woken by the directory watch, with the poll far away, and ends when the signal aborts', async (t) => {
    const file = logFile(t, full('a'));
    const { out, abort, done } = follow(t, file, { timestamps: true }, () => true, { pollMs: 60_000 });
    await until(out, `${T0} a\n`, 'the existing line');
    fs.appendFileSync(file, full('b', 'stdout', T2));
    await until(out, `${T0} a\n2024-05-01T10:00:02.000000000Z b\n`, 'a line seen through fs.watch');
    abort.abort();
    await withDeadline(done, 5000, 'follow to end on abort');
  });

  it('polls when not watching', async (t) => {
    const file = logFile(t, full('a'));
    let running = true;
    const { out, done } = follow(t, file, {}, () => running, { pollMs: 20, watch: false });
    await until(out, 'a\n', 'the existing line');
    fs.appendFileSync(file, full('b'));
    await until(out, 'a\nb\n', 'a polled line');
    running = false;
    await withDeadline(done, 5000, 'follow to end');
  });

  it('follows from the tail, and with tail 0 only what comes next', async (t) => {
    const file = logFile(t, full('a') + full('b') + full('c'));
    let running = true;
    const one = follow(t, file, { tailLines: 1 }, () => running);
    const none = follow(t, file, { tailLines: 0 }, () => running);
    const [tail1, tail0] = [one.out, none.out];
    const done = Promise.all([one.done, none.done]);
    await until(tail1, 'c\n', 'the last line');
    fs.appendFileSync(file, full('d'));
    await until(tail1, 'c\nd\n', 'an appended line after the tail');
    await until(tail0, 'd\n', 'an appended line after tail 0');
    running = false;
    await withDeadline(done, 5000, 'both follows to end');
  });

  it('stops following when the client stream closes', async (t) => {
    const file = logFile(t, full('a'));
    const { out, done } = follow(t, file, {}, () => true, { pollMs: 60_000 });
    await until(out, 'a\n', 'the existing line');
    out.stream.destroy();
    await withDeadline(done, 5000, 'follow to end when the client is gone');
  });

  it('writes nothing when the signal has already aborted', async (t) => {
    const file = logFile(t, full('a'));
    const out = collector();
    await writeContainerLog(file, { follow: true }, out.stream, () => true, AbortSignal.abort());
    assert.equal(out.text(), '');
  });

  it('follows the kubelet rotation: the rest of the renamed file, then the new one', async (t) => {
    const file = logFile(t, full('one'));
    let running = true;
    const { out, done } = follow(t, file, {}, () => running);
    await until(out, 'one\n', 'the first line');
    const rotated = `${file}.20240501-100000`;
    fs.renameSync(file, rotated);
    fs.appendFileSync(rotated, part('two '));
    fs.appendFileSync(rotated, full('(before reopen)')); // the runtime writes to the old file until it reopens
    fs.writeFileSync(file, full('three'));
    await until(out, 'one\ntwo (before reopen)\nthree\n', 'lines from both files in order');
    fs.appendFileSync(file, full('four'));
    await until(out, 'one\ntwo (before reopen)\nthree\nfour\n', 'lines appended to the new file');
    running = false;
    await withDeadline(done, 5000, 'follow to end');
  });

  it('starts over when the file is truncated in place', async (t) => {
    const file = logFile(t, full('a long first line') + full('a long second line'));
    let running = true;
    const { out, done } = follow(t, file, {}, () => running);
    await until(out, 'a long first line\na long second line\n', 'the first lines');
    fs.writeFileSync(file, full('new'));
    await until(out, 'a long first line\na long second line\nnew\n', 'the line after truncation');
    running = false;
    await withDeadline(done, 5000, 'follow to end');
  });
});
