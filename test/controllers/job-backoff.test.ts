// How long a job waits before it replaces a failed pod: 10 s after the
// first failure since the last success, doubling with each further one,
// at most 10 minutes, counted from the latest failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { remainingBackoff } from '../../src/controllers/job.js';

describe('job pod failure back-off', () => {
  it('doubles from 10 s up to 10 minutes, counted from the latest failure', () => {
    const at = 1_000_000;
    assert.equal(remainingBackoff(undefined, at), 0);
    assert.equal(remainingBackoff({ failures: 0, lastFailure: 0 }, at), 0);
    assert.equal(remainingBackoff({ failures: 1, lastFailure: at }, at), 10_000);
    assert.equal(remainingBackoff({ failures: 2, lastFailure: at }, at + 5_000), 15_000);
    assert.equal(remainingBackoff({ failures: 3, lastFailure: at }, at), 40_000);
    assert.equal(remainingBackoff({ failures: 7, lastFailure: at }, at), 600_000);
    assert.equal(remainingBackoff({ failures: 30, lastFailure: at }, at), 600_000);
    assert.equal(remainingBackoff({ failures: 1, lastFailure: at }, at + 11_000), 0);
  });
});
