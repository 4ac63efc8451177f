// The storage contract as a backend-independent suite: every backend runs
// exactly these tests (see sqlite.test.ts; the etcd backend will add a file
// that calls storeContract with its own factory).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Compactor } from '../../src/storage/compactor.js';
import { StorageError } from '../../src/storage/errors.js';
import type { LogStoreOptions } from '../../src/storage/logstructured.js';
import type { KeyValue, Store, Watch, WatchEvent, WatchMessage } from '../../src/storage/store.js';
import { eventually, withDeadline } from '../helpers.js';

export interface Backend {
  name: string;
  /** An empty store for one test, closed and removed when the test ends. */
  open(t: TestContext, options?: LogStoreOptions): Promise<OpenedStore>;
}

export interface OpenedStore {
  store: Store;
  /** What `openStore` takes to open the same data, e.g. from a child process. */
  endpoint: string;
  /** Opens the same data again (after `store` was closed or its process killed). */
  reopen(): Store;
}

const b = (s: string) => Buffer.from(s);
const text = (kv: KeyValue | undefined) => kv?.value.toString();

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<StorageError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof StorageError, `expected a StorageError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** Reads messages until `done` says so; fails if the deadline passes first. */
async function collect(
  watch: Watch,
  done: (messages: WatchMessage[]) => boolean,
  ms = 10_000,
): Promise<WatchMessage[]> {
  const messages: WatchMessage[] = [];
  if (done(messages)) return messages;
  const reading = (async () => {
    for await (const m of watch) {
      messages.push(m);
      if (done(messages)) break;
    }
    return messages;
  })();
  try {
    return await withDeadline(reading, ms, 'watch messages');
  } finally {
    watch.close();
  }
}

const events = (ms: WatchMessage[]) => ms.filter((m): m is WatchEvent => m.type !== 'PROGRESS');
/** For watches without progress notifications: done after n events. */
const count = (n: number) => (ms: WatchMessage[]) => ms.length >= n;
/** Done once an event at or past `revision()` has arrived. */
const reaches = (revision: () => number) => (ms: WatchMessage[]) => {
  const last = ms.at(-1);
  return last !== undefined && last.type !== 'PROGRESS' && last.kv.modRevision >= revision();
};

export function storeContract(backend: Backend): void {
  describe(`storage contract: ${backend.name}`, () => {
    it('gives every write the next revision, which is the key modRevision', async (t) => {
      const { store } = await backend.open(t);
      const start = await store.currentRevision();
      const a = await store.create('/r/a', b('1'));
      const c = await store.create('/r/c', b('2'));
      const a2 = await store.update('/r/a', b('3'));
      assert.deepEqual([a.modRevision, c.modRevision, a2.modRevision], [start + 1, start + 2, start + 3]);
      assert.equal(a2.createRevision, a.modRevision);
      assert.equal(await store.currentRevision(), start + 3);
      assert.equal((await store.get('/r/a'))?.modRevision, a2.modRevision);
    });

    it('creates only absent keys, and again after a delete', async (t) => {
      const { store } = await backend.open(t);
      const first = await store.create('/r/a', b('1'));
      const err = await rejectsWith(store.create('/r/a', b('2')), 'KeyExists', /key already exists: \/r\/a/);
      assert.equal(text((err as unknown as { current: KeyValue }).current), '1');
      await store.delete('/r/a');
      const again = await store.create('/r/a', b('3'));
      assert.ok(again.createRevision > first.createRevision);
      assert.equal(again.createRevision, again.modRevision);
      assert.equal(text(await store.get('/r/a')), '3');
    });

    it('updates with and without a revision precondition', async (t) => {
      const { store } = await backend.open(t);
      const v1 = await store.create('/r/a', b('1'));
      const v2 = await store.update('/r/a', b('2'), v1.modRevision);
      const conflict = await rejectsWith(store.update('/r/a', b('x'), v1.modRevision), 'Conflict');
      assert.equal((conflict as unknown as { current: KeyValue }).current.modRevision, v2.modRevision);
      assert.equal(text(await store.get('/r/a')), '2', 'a lost compare-and-swap writes nothing');
      const v3 = await store.update('/r/a', b('3'));
      assert.equal(v3.modRevision, v2.modRevision + 1);
      await rejectsWith(store.update('/r/missing', b('1')), 'KeyNotFound', /key not found: \/r\/missing/);
    });

    it('deletes, optionally only at a revision, and answers with the last value', async (t) => {
      const { store } = await backend.open(t);
      const v1 = await store.create('/r/a', b('1'));
      const v2 = await store.update('/r/a', b('2'));
      await rejectsWith(store.delete('/r/a', v1.modRevision), 'Conflict');
      assert.equal(text(await store.get('/r/a')), '2');
      const deleted = await store.delete('/r/a', v2.modRevision);
      assert.equal(text(deleted), '2');
      assert.equal(deleted.modRevision, v2.modRevision + 1, 'the answer carries the revision of the deletion');
      assert.equal(await store.get('/r/a'), undefined);
      await rejectsWith(store.delete('/r/a'), 'KeyNotFound');
    });

    it('reads a key at an older revision, and refuses future ones', async (t) => {
      const { store } = await backend.open(t);
      const v1 = await store.create('/r/a', b('1'));
      await store.update('/r/a', b('2'));
      const gone = await store.delete('/r/a');
      assert.equal(text(await store.get('/r/a', v1.modRevision)), '1');
      assert.equal(text(await store.get('/r/a', gone.modRevision - 1)), '2');
      assert.equal(await store.get('/r/a', gone.modRevision), undefined);
      await rejectsWith(store.get('/r/a', gone.modRevision + 10), 'FutureRevision', /future revision/);
    });

    it('lists a prefix in key order at one revision, without deleted keys or neighbours', async (t) => {
      const { store } = await backend.open(t);
      await store.create('/r/pods/b', b('b'));
      await store.create('/r/pods/a', b('a'));
      await store.create('/r/podsx/z', b('neighbour'));
      const before = await store.create('/r/pods/c', b('c'));
      await store.delete('/r/pods/b');
      await store.update('/r/pods/a', b('a2'));
      const now = await store.list('/r/pods/');
      assert.deepEqual(now.items.map((kv) => [kv.key, text(kv)]), [
        ['/r/pods/a', 'a2'],
        ['/r/pods/c', 'c'],
      ]);
      assert.equal(now.revision, await store.currentRevision());
      assert.equal(now.continue, undefined);
      const then = await store.list('/r/pods/', { revision: before.modRevision });
      const r = before.modRevision;
      assert.deepEqual(then.items.map((kv) => [kv.key, text(kv), kv.modRevision]), [
        ['/r/pods/a', 'a', r - 2],
        ['/r/pods/b', 'b', r - 3],
        ['/r/pods/c', 'c', r],
      ]);
      assert.equal(then.revision, r);
      assert.equal(await store.count('/r/pods/'), 2);
    });

    it('pages a list at the revision of its first page while writes go on', async (t) => {
      const { store } = await backend.open(t);
      for (let i = 0; i < 300; i++) await store.create(`/r/k/${String(i).padStart(4, '0')}`, b(`v${i}`));
      const expected = (await store.list('/r/k/')).items.map((kv) => [kv.key, text(kv), kv.modRevision]);
      const pages: string[][] = [];
      let page = await store.list('/r/k/', { limit: 70 });
      const revision = page.revision;
      let seen = page.items.map((kv) => [kv.key, text(kv), kv.modRevision]);
      pages.push(page.items.map((kv) => kv.key));
      let round = 0;
      while (page.continue) {
        // Change keys on both sides of the cursor, add new ones and delete some.
        round++;
        await Promise.all([
          store.update(`/r/k/${String(round).padStart(4, '0')}`, b('changed-early')),
          store.update(`/r/k/${String(299 - round).padStart(4, '0')}`, b('changed-late')),
          store.create(`/r/k/${String(round).padStart(4, '0')}x`, b('new')),
          store.delete(`/r/k/${String(150 + round).padStart(4, '0')}`),
        ]);
        page = await store.list('/r/k/', { limit: 70, continue: page.continue });
        assert.equal(page.revision, revision, 'every page is read at the first page revision');
        seen = seen.concat(page.items.map((kv) => [kv.key, text(kv), kv.modRevision]));
        pages.push(page.items.map((kv) => kv.key));
      }
      assert.deepEqual(pages.map((p) => p.length), [70, 70, 70, 70, 20]);
      assert.deepEqual(seen, expected);
      const now = (await store.list('/r/k/')).items.map((kv) => [kv.key, text(kv), kv.modRevision]);
      assert.notDeepEqual(now, expected, 'the writes did happen meanwhile');
      await rejectsWith(store.list('/r/k/', { limit: 10, continue: 'not-a-token' }), 'InvalidContinue');
    });

    it('lets exactly one of many concurrent compare-and-swaps win each revision', async (t) => {
      const { store } = await backend.open(t);
      const start = await store.create('/r/counter', b('0'));
      // Fifty writers race from the same revision: one wins, the rest see it.
      const race = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => store.update('/r/counter', b(`w${i}`), start.modRevision)),
      );
      const winners = race.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<KeyValue>[];
      assert.equal(winners.length, 1);
      for (const r of race) {
        if (r.status === 'rejected') {
          assert.equal(r.reason.code, 'Conflict');
          assert.equal(r.reason.current.modRevision, winners[0]!.value.modRevision);
        }
      }
      // Then twenty writers each add 25 to a counter with read-modify-CAS retries.
      const wins: number[] = [];
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          for (let done = 0; done < 25; ) {
            const cur = (await store.get('/r/counter'))!;
            const n = Number(text(cur)!.replace(/^w\d+$/, '0'));
            try {
              const next = await store.update('/r/counter', b(String(n + 1)), cur.modRevision);
              wins.push(next.modRevision);
              done++;
            } catch (err) {
              if ((err as StorageError).code !== 'Conflict') throw err;
            }
          }
        }),
      );
      assert.equal(text(await store.get('/r/counter')), '500', 'no increment was lost');
      assert.equal(new Set(wins).size, 500, 'no revision has two winners');
    });

    it('watches a prefix from a past revision: backlog then live events, in order, with prevKv', async (t) => {
      const { store } = await backend.open(t);
      const created = await store.create('/r/w/a', b('1'));
      await store.create('/r/other', b('x'));
      await store.update('/r/w/a', b('2'));
      const watch = store.watch({ key: '/r/w/', prefix: true, afterRevision: created.modRevision - 1 });
      const reading = collect(watch, count(4));
      await store.delete('/r/w/a');
      await store.create('/r/w/b', b('3'));
      const got = events(await reading);
      assert.deepEqual(
        got.map((e) => [e.type, e.kv.key, text(e.kv), e.kv.modRevision, text(e.prevKv), e.prevKv?.modRevision]),
        [
          ['ADDED', '/r/w/a', '1', created.modRevision, undefined, undefined],
          ['MODIFIED', '/r/w/a', '2', created.modRevision + 2, '1', created.modRevision],
          ['DELETED', '/r/w/a', '2', created.modRevision + 3, '2', created.modRevision + 2],
          ['ADDED', '/r/w/b', '3', created.modRevision + 4, undefined, undefined],
        ],
      );
    });

    it('watches one key from now', async (t) => {
      const { store } = await backend.open(t);
      await store.create('/r/a', b('before'));
      const watch = store.watch({ key: '/r/a' });
      const reading = collect(watch, count(2));
      await store.create('/r/ab', b('not this key'));
      await store.update('/r/a', b('after'));
      await store.delete('/r/a');
      assert.deepEqual(
        events(await reading).map((e) => [e.type, e.kv.key, text(e.kv)]),
        [
          ['MODIFIED', '/r/a', 'after'],
          ['DELETED', '/r/a', 'after'],
        ],
      );
    });

    it('delivers every event of 50 concurrent writers to 100 watchers, none missed, doubled or reordered', async (t) => {
      const { store } = await backend.open(t);
      const base = await store.create('/r/s/seed', b('seed'));
      const acked: number[] = [base.modRevision];
      let endRevision = Infinity;
      const reachedEnd = reaches(() => endRevision);
      const watchFromStart = () =>
        collect(store.watch({ key: '/r/s/', prefix: true, afterRevision: base.modRevision - 1 }), reachedEnd, 120_000);
      // Half the watchers start before the writes; half join once writing is under way,
      // from the same past revision, so they merge a backlog with live events.
      const readers = Array.from({ length: 50 }, watchFromStart);
      const writer = async (id: number) => {
        for (let j = 0; j < 200; j++) {
          const key = `/r/s/${id}/${j % 10}`;
          let kv: KeyValue;
          if (j < 10) kv = await store.create(key, b(`${id}-${j}`));
          else if (j % 7 === 0) {
            acked.push((await store.delete(key)).modRevision);
            kv = await store.create(key, b(`${id}-${j}`));
          } else kv = await store.update(key, b(`${id}-${j}`));
          acked.push(kv.modRevision);
          if (id === 0 && j === 20) readers.push(...Array.from({ length: 50 }, watchFromStart));
        }
      };
      await Promise.all(Array.from({ length: 50 }, (_, id) => writer(id)));
      // An end mark tells every watcher it has seen all; nothing else writes now.
      endRevision = (await store.currentRevision()) + 1;
      acked.push((await store.create('/r/s/end', b('end'))).modRevision);
      const expected = acked.sort((x, y) => x - y);
      assert.ok(expected.length > 10_000, `${expected.length} writes`);
      const results = await Promise.all(readers);
      assert.equal(results.length, 100);
      for (const got of results) {
        const revisions = events(got).map((e) => e.kv.modRevision);
        assert.deepEqual(revisions, expected);
      }
    });

    it('cuts off a watcher that falls too far behind, with a clear error', async (t) => {
      const { store } = await backend.open(t, { watchBufferLimit: 100 });
      const watch = store.watch({ key: '/r/', prefix: true });
      await Promise.all(Array.from({ length: 150 }, (_, i) => store.create(`/r/${i}`, b('x'))));
      const err = await rejectsWith(collect(watch, () => false), 'WatcherTooSlow', /fell \d+ events behind; restart it from revision/);
      assert.ok(err);
      // The store itself is unaffected.
      assert.equal((await store.list('/r/')).items.length, 150);
    });

    it('tells idle watchers the current revision, on request and on a timer', async (t) => {
      const { store } = await backend.open(t, { progressIntervalMs: 50 });
      const head = await store.create('/r/a', b('1'));
      const onRequest = store.watch({ key: '/r/none/', prefix: true, progressNotify: true });
      const reading = collect(onRequest, (ms) => ms.length >= 1);
      store.requestProgress();
      assert.deepEqual(await reading, [{ type: 'PROGRESS', revision: head.modRevision }]);
      const onTimer = store.watch({ key: '/r/none/', prefix: true, progressNotify: true });
      assert.deepEqual(await collect(onTimer, (ms) => ms.length >= 2), [
        { type: 'PROGRESS', revision: head.modRevision },
        { type: 'PROGRESS', revision: head.modRevision },
      ]);
      // A watcher that did not ask for progress gets none: its first message is the next event.
      const silent = store.watch({ key: '/r/', prefix: true });
      const first = collect(silent, (ms) => ms.length >= 1);
      store.requestProgress();
      const next = await store.update('/r/a', b('2'));
      assert.deepEqual((await first).map((m) => m.type === 'PROGRESS' ? m : m.kv.modRevision), [next.modRevision]);
    });

    it('compacts history: older reads and watches fail, newer ones work, data stays', async (t) => {
      const { store } = await backend.open(t);
      const v1 = await store.create('/r/a', b('1'));
      const v2 = await store.update('/r/a', b('2'));
      await store.create('/r/b', b('b'));
      await store.delete('/r/b');
      const v3 = await store.update('/r/a', b('3'));
      await store.compact(v2.modRevision);
      assert.equal(await store.compactRevision(), v2.modRevision);
      await rejectsWith(store.get('/r/a', v1.modRevision), 'Compacted', /required revision has been compacted/);
      await rejectsWith(store.list('/r/', { revision: v1.modRevision }), 'Compacted');
      assert.equal(text(await store.get('/r/a', v2.modRevision)), '2');
      assert.deepEqual((await store.list('/r/')).items.map((kv) => [kv.key, text(kv)]), [['/r/a', '3']]);
      await rejectsWith(
        collect(store.watch({ key: '/r/', prefix: true, afterRevision: v1.modRevision }), () => false),
        'Compacted',
      );
      const fromFloor = events(await collect(store.watch({ key: '/r/', prefix: true, afterRevision: v2.modRevision }), count(3)));
      assert.deepEqual(fromFloor.map((e) => [e.type, e.kv.key]), [
        ['ADDED', '/r/b'],
        ['DELETED', '/r/b'],
        ['MODIFIED', '/r/a'],
      ]);
      assert.equal(fromFloor[2]!.kv.modRevision, v3.modRevision);
      // A paged list whose revision is compacted away cannot go on.
      await store.create('/r/c', b('c'));
      const page = await store.list('/r/', { limit: 1 });
      assert.ok(page.continue);
      await store.create('/r/d', b('d'));
      await store.compact(await store.currentRevision());
      await rejectsWith(store.list('/r/', { limit: 1, continue: page.continue }), 'Compacted');
    });

    it('refuses a watch below a compaction that is still under way', async (t) => {
      const { store } = await backend.open(t);
      await store.create('/r/a', b('0'));
      for (let i = 1; i < 5000; i++) await store.update('/r/a', b(String(i)));
      const target = (await store.currentRevision()) - 10;
      const compacting = store.compact(target);
      // Compaction runs in steps; a watch opened between them must not start on history it is removing.
      await new Promise((resolve) => setImmediate(resolve));
      await rejectsWith(collect(store.watch({ key: '/r/', prefix: true, afterRevision: 1500 }), () => false), 'Compacted');
      await rejectsWith(store.get('/r/a', 1500), 'Compacted');
      await compacting;
      assert.equal(await store.compactRevision(), target);
    });

    it('compacts in the background, keeping the retained window', async (t) => {
      const { store } = await backend.open(t);
      const compactor = new Compactor(store, { intervalMs: 20, minRetain: 10 });
      t.after(() => compactor.stop());
      compactor.start();
      for (let i = 0; i < 100; i++) await store.create(`/r/${i}`, b('x'));
      const compacted = await eventually(
        async () => ((await store.compactRevision()) > 0 ? store.compactRevision() : undefined),
        10_000,
        'the background compactor',
      );
      assert.ok(compacted <= (await store.currentRevision()) - 10, `compacted to ${compacted}, inside the window`);
      assert.equal((await store.list('/r/')).items.length, 100);
    });

    it('ends watches and refuses calls once closed', async (t) => {
      const { store } = await backend.open(t);
      const watch = store.watch({ key: '/r/', prefix: true });
      const reading = collect(watch, () => false);
      await store.close();
      await rejectsWith(reading, 'Closed', /storage is closed/);
      await rejectsWith(store.create('/r/a', b('1')), 'Closed');
      await rejectsWith(store.get('/r/a'), 'Closed');
    });

    it('keeps every acknowledged write when its process is killed mid-stream', async (t) => {
      const opened = await backend.open(t);
      await opened.store.close();
      const writer = spawn(process.execPath, [CRASH_WRITER, opened.endpoint], { stdio: ['ignore', 'pipe', 'inherit'] });
      t.after(() => writer.kill('SIGKILL'));
      const acked: { key: string; revision: number; value: string }[] = [];
      const lines = readline.createInterface({ input: writer.stdout });
      const enough = new Promise<void>((resolve) => {
        lines.on('line', (line) => {
          const [key, revision, value] = line.split(' ');
          acked.push({ key: key!, revision: Number(revision), value: value! });
          if (acked.length === 3000) resolve();
        });
      });
      await withDeadline(enough, 60_000, '3000 acknowledged writes');
      writer.kill('SIGKILL');
      await once(writer, 'exit');

      const store = opened.reopen();
      t.after(() => store.close());
      for (const a of acked) {
        const kv = await store.get(a.key, a.revision);
        assert.equal(text(kv), a.value, `acknowledged write ${a.key}@${a.revision} survived`);
        assert.equal(kv?.modRevision, a.revision);
      }
      // No half-written batch: the log is a gapless run of revisions 1..current.
      const current = await store.currentRevision();
      assert.ok(current >= Math.max(...acked.map((a) => a.revision)));
      const history = events(
        await collect(store.watch({ key: '', prefix: true, afterRevision: 0 }), reaches(() => current)),
      );
      assert.deepEqual(
        history.map((e) => e.kv.modRevision),
        Array.from({ length: current }, (_, i) => i + 1),
      );
      // And it takes writes again.
      const next = await store.create('/after-crash', b('ok'));
      assert.equal(next.modRevision, current + 1);
    });
  });
}

const CRASH_WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.js');
