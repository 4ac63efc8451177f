// The work queue's promises: one entry per key however often it is added,
// never two workers on one key, back-off that doubles until forgotten.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkQueue } from '../../src/controllers/workqueue.js';
import { withDeadline } from '../helpers.js';

describe('work queue', () => {
  it('queues a key once however often it is added', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    assert.equal(q.length, 2);
    assert.equal(await q.get(), 'a');
    assert.equal(await q.get(), 'b');
    assert.equal(q.length, 0);
  });

  it('holds back a key added while it is being worked on until done', async () => {
    const q = new WorkQueue();
    q.add('a');
    const key = await q.get();
    q.add('a');
    assert.equal(q.length, 0, 'not handed to a second worker');
    q.done(key!);
    assert.equal(q.length, 1);
    assert.equal(await q.get(), 'a');
  });

  it('hands a key straight to a waiting worker', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.add('x');
    assert.equal(await withDeadline(waiting, 1000, 'the waiting worker'), 'x');
  });

  it('retries with a back-off that doubles per failure and resets on forget', async () => {
    const q = new WorkQueue({ baseMs: 1, maxMs: 8 });
    for (let i = 1; i <= 5; i++) {
      q.addRateLimited('k');
      assert.equal(q.retries('k'), i);
      assert.equal(await withDeadline(q.get(), 1000, `retry ${i}`), 'k');
      q.done('k');
    }
    q.forget('k');
    assert.equal(q.retries('k'), 0);
  });

  it('keeps the earliest of two delayed adds', async () => {
    const q = new WorkQueue();
    q.addAfter('k', 60_000);
    q.addAfter('k', 1);
    assert.equal(await withDeadline(q.get(), 1000, 'the earlier add'), 'k');
    q.shutDown();
  });

  it('ends waiting workers on shutdown', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.shutDown();
    assert.equal(await waiting, undefined);
    q.add('late');
    assert.equal(q.length, 0);
  });
});
