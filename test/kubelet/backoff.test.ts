// Restart back-off as upstream's kubelet keeps it, on explicit clocks: the
// first retry at once, then 10 s doubling to the 5-minute cap, and a fresh
// start after ten minutes without a failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff } from '../../src/kubelet/backoff.js';

describe('restart back-off', () => {
  it('retries at once, then waits 10 s doubling to 5 minutes', () => {
    const b = new Backoff();
    let t = 1_000_000;
    assert.equal(b.remaining('pod/c', t, t), 0, 'the first restart is immediate');
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('pod/c', t);
      delays.push(b.delay('pod/c'));
      assert.equal(b.remaining('pod/c', t, t + 1000), b.delay('pod/c') - 1000, 'waiting counts from when it ended');
      t += b.delay('pod/c');
      assert.equal(b.remaining('pod/c', t - b.delay('pod/c'), t), 0);
    }
    assert.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('starts over after ten minutes without a failure, and keeps keys apart', () => {
    const b = new Backoff();
    b.next('pod/c', 0);
    b.next('pod/c', 10_000);
    assert.equal(b.delay('pod/c'), 20_000);
    assert.equal(b.remaining('pod/other', 10_000, 10_001), 0);
    const later = 10_000 + 10 * 60 * 1000 + 1;
    assert.equal(b.remaining('pod/c', later - 1000, later), 0, 'ten minutes on, no back-off is left');
    b.next('pod/c', later);
    assert.equal(b.delay('pod/c'), 10_000, 'and the next delay is the first again');
    b.forget('pod/');
    assert.equal(b.remaining('pod/c', later, later), 0);
  });

  it('counts a wait from the last failure it recorded, and forgets one key on reset', () => {
    const b = new Backoff();
    assert.equal(b.remainingSinceLast('pod/nginx:1.22', 0), 0, 'no failure, no wait');
    b.next('pod/nginx:1.22', 1000);
    assert.equal(b.remainingSinceLast('pod/nginx:1.22', 4000), 7000);
    b.reset('pod/nginx');
    assert.equal(b.remainingSinceLast('pod/nginx:1.22', 4000), 7000, 'reset takes one key, not a prefix');
    b.reset('pod/nginx:1.22');
    assert.equal(b.remainingSinceLast('pod/nginx:1.22', 4000), 0);
  });
});
