// The garbage collector through kubectl: each cascade mode of `kubectl
// delete`, dependents whose owner never existed, and a dependent that keeps
// a second owner. ConfigMaps stand in for owners and dependents: any kind
// can own any other, and these have no controller of their own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiClient } from '../api-client.js';
import { startCluster, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

async function uidOf(c: TestCluster, name: string): Promise<string> {
  return c.ok(['get', 'cm', name, '-o', 'jsonpath={.metadata.uid}']);
}

/** A ConfigMap owned by the named owners (name → uid). */
function dependent(name: string, owners: Record<string, string>, extra: { finalizers?: string[]; block?: boolean } = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      ...(extra.finalizers ? { finalizers: extra.finalizers } : {}),
      ownerReferences: Object.entries(owners).map(([owner, uid]) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: owner,
        uid,
        ...(extra.block ? { blockOwnerDeletion: true } : {}),
      })),
    },
  });
}

const gone = (c: TestCluster, name: string) => async () => ((await c.kubectl(['get', 'cm', name])).code !== 0 ? true : undefined);

describe('garbage collector', () => {
  it('deletes dependents in the background, orphans them, or deletes them first in the foreground', async (t) => {
    const c = await startCluster(t);

    // Background (kubectl's default): the owner goes at once, its dependents after it.
    await c.ok(['create', 'cm', 'owner']);
    await c.ok(['apply', '-f', '-'], { input: dependent('child-a', { owner: await uidOf(c, 'owner') }) });
    await c.ok(['apply', '-f', '-'], { input: dependent('child-b', { owner: await uidOf(c, 'owner') }) });
    assert.equal(await c.ok(['delete', 'cm', 'owner']), 'configmap "owner" deleted\n');
    await eventually(gone(c, 'child-a'), 10_000, 'child-a collected');
    await eventually(gone(c, 'child-b'), 10_000, 'child-b collected');

    // Orphan: the dependent stays, without its reference to the owner.
    await c.ok(['create', 'cm', 'owner']);
    await c.ok(['apply', '-f', '-'], { input: dependent('orphan', { owner: await uidOf(c, 'owner') }) });
    assert.equal(await c.ok(['delete', 'cm', 'owner', '--cascade=orphan']), 'configmap "owner" deleted\n');
    assert.equal((await c.kubectl(['get', 'cm', 'owner'])).code, 1);
    assert.equal(await c.ok(['get', 'cm', 'orphan', '-o', 'jsonpath={.metadata.ownerReferences}']), '');

    // Foreground: the owner waits, marked and holding foregroundDeletion, until its blocking dependent is gone.
    await c.ok(['create', 'cm', 'owner']);
    const ownerUid = await uidOf(c, 'owner');
    await c.ok(['apply', '-f', '-'], { input: dependent('held', { owner: ownerUid }, { finalizers: ['example.com/hold'], block: true }) });
    await c.ok(['delete', 'cm', 'owner', '--cascade=foreground', '--wait=false']);
    await eventually(
      async () => ((await c.kubectl(['get', 'cm', 'held', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout ? true : undefined),
      10_000,
      'the dependent marked for deletion',
    );
    assert.equal(await c.ok(['get', 'cm', 'owner', '-o', 'jsonpath={.metadata.finalizers}']), '["foregroundDeletion"]');
    assert.notEqual(await c.ok(['get', 'cm', 'owner', '-o', 'jsonpath={.metadata.deletionTimestamp}']), '');
    await c.ok(['patch', 'cm', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await eventually(gone(c, 'held'), 10_000, 'the dependent gone');
    await eventually(gone(c, 'owner'), 10_000, 'the owner gone after its dependent');
  });

  it('collects dependents of owners that never existed and keeps those with another owner', async (t) => {
    const c = await startCluster(t);
    await c.ok(['apply', '-f', '-'], { input: dependent('dangling', { ghost: '0b5d3e1c-0000-4000-8000-000000000000' }) });
    await eventually(gone(c, 'dangling'), 10_000, 'the dependent of a missing owner collected');

    await c.ok(['create', 'cm', 'first']);
    await c.ok(['create', 'cm', 'second']);
    const second = await uidOf(c, 'second');
    await c.ok(['apply', '-f', '-'], { input: dependent('shared', { first: await uidOf(c, 'first'), second }) });
    await c.ok(['delete', 'cm', 'first']);
    await eventually(
      async () => {
        const refs = await c.ok(['get', 'cm', 'shared', '-o', 'jsonpath={.metadata.ownerReferences[*].name}']);
        return refs === 'second' ? true : undefined;
      },
      10_000,
      'the reference to the deleted owner dropped',
    );
    await c.ok(['delete', 'cm', 'second']);
    await eventually(gone(c, 'shared'), 10_000, 'the dependent collected with its last owner');
  });

  it('finishes a foreground deletion when its blocking dependent keeps another owner', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'cm', 'leaving']);
    await c.ok(['create', 'cm', 'staying']);
    const owners = { leaving: await uidOf(c, 'leaving'), staying: await uidOf(c, 'staying') };
    await c.ok(['apply', '-f', '-'], { input: dependent('shared', owners, { block: true }) });
    await c.ok(['delete', 'cm', 'leaving', '--cascade=foreground', '--wait=false']);
    await eventually(gone(c, 'leaving'), 10_000, 'the owner gone once its dependent no longer names it');
    assert.equal(await c.ok(['get', 'cm', 'shared', '-o', 'jsonpath={.metadata.ownerReferences[*].name}']), 'staying');
  });

  it('keeps a terminating pod until its grace period is over, even when its last finalizer goes', async (t) => {
    const c = await startCluster(t);
    // Bound to a node no kubelet runs: nothing finishes its termination but the test.
    await c.ok(['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'held', finalizers: ['example.com/hold'] },
        spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'busybox' }] },
      }),
    });
    await c.ok(['delete', 'pod', 'held', '--wait=false']);
    await c.ok(['patch', 'pod', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    assert.equal(await c.ok(['get', 'pod', 'held', '-o', 'jsonpath={.metadata.deletionGracePeriodSeconds}']), '30');
    assert.match(await c.ok(['get', 'pod', 'held']), /held\s+0\/1\s+Terminating/);
    // The kubelet's last word (a delete with grace period 0) removes it.
    await c.ok(['delete', 'pod', 'held', '--grace-period=0', '--force']);
    assert.equal((await c.kubectl(['get', 'pod', 'held'])).code, 1);
  });

  it('refuses ownerReferences the garbage collector could not follow', async (t) => {
    const c = await startCluster(t);
    const r = await c.kubectl(['apply', '-f', '-'], { input: dependent('nameless', { owner: '' }) });
    assert.equal(r.stderr.trim(), 'The ConfigMap "nameless" is invalid: metadata.ownerReferences.uid: Invalid value: "": uid must not be empty');
  });

  it('refuses an unknown propagation policy, and both policy forms at once', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'cm', 'kept']);
    const api = apiClient(t, c.kubeconfig);
    // In the query: Node's HTTP/2 client sends a DELETE without a body.
    const bad = await api.request('DELETE', '/api/v1/namespaces/default/configmaps/kept?propagationPolicy=Sideways');
    assert.equal(bad.status, 422);
    assert.equal(
      JSON.parse(bad.body).message,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    const both = await api.request('DELETE', '/api/v1/namespaces/default/configmaps/kept?propagationPolicy=Orphan&orphanDependents=true');
    assert.equal(both.status, 422);
    await c.ok(['get', 'cm', 'kept']);
  });
});
