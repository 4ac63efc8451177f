// The service account controller through kubectl: every namespace has a
// `default` service account, a new namespace gets one, a deleted one comes
// back, and a namespace being deleted is left to go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

describe('service account controller', () => {
  it('keeps a default service account in every namespace', async (t) => {
    const c = await startCluster(t);
    const hasDefault = async (ns: string) => ((await c.kubectl(['get', 'sa', 'default', '-n', ns])).code === 0 ? true : undefined);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) await eventually(() => hasDefault(ns), 10_000, `default in ${ns}`);
    assert.match(await c.ok(['get', 'serviceaccounts']), /^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+\d+s\n$/);

    await c.ok(['create', 'namespace', 'dev']);
    await eventually(() => hasDefault('dev'), 10_000, 'default in dev');

    const uid = await c.ok(['get', 'sa', 'default', '-n', 'dev', '-o', 'jsonpath={.metadata.uid}']);
    assert.equal(await c.ok(['delete', 'sa', 'default', '-n', 'dev']), 'serviceaccount "default" deleted\n');
    await eventually(
      async () => {
        const now = await c.kubectl(['get', 'sa', 'default', '-n', 'dev', '-o', 'jsonpath={.metadata.uid}']);
        return now.code === 0 && now.stdout !== uid ? true : undefined;
      },
      10_000,
      'a new default in dev',
    );

    await c.ok(['delete', 'namespace', 'dev']);
    assert.equal((await c.kubectl(['get', 'namespace', 'dev'])).stderr, 'Error from server (NotFound): namespaces "dev" not found\n');
  });
});
