// Listing and watching as kubectl and informers do it: generated names,
// every label selector operator, paging, bookmarks and `kubectl get -w`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { apiClient } from '../api-client.js';
import { KUBECTL, startCluster } from '../cluster.js';
import { eventually, withDeadline } from '../helpers.js';

describe('lists and watches', () => {
  it('generates names and selects with every label operator', async (t) => {
    const c = await startCluster(t);
    const generated = await c.ok(['create', '-f', '-', '-o', 'name'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: cfg-\n',
    });
    assert.match(generated.trim(), /^configmap\/cfg-[a-z0-9]{5}$/);
    // A long prefix is cut to 58 characters, so the name stays a valid 63-character name.
    const long = await c.ok(['create', '-f', '-', '-o', 'name'], { input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: ${'x'.repeat(70)}-\n` });
    assert.match(long.trim(), new RegExp(`^configmap/${'x'.repeat(58)}[a-z0-9]{5}$`));
    for (const [name, labels] of [
      ['a', 'env=prod,tier=web'],
      ['b', 'env=dev,tier=web'],
      ['c', 'env=test'],
    ]) {
      await c.ok(['create', 'configmap', name!]);
      await c.ok(['label', 'configmap', name!, ...labels!.split(',')]);
    }
    const pick = async (selector: string) => (await c.ok(['get', 'cm', '-l', selector, '-o', 'name'])).trim().split('\n').filter(Boolean);
    assert.deepEqual(await pick('env=prod'), ['configmap/a']);
    assert.deepEqual(await pick('env==dev'), ['configmap/b']);
    assert.deepEqual(await pick('env!=prod,env'), ['configmap/b', 'configmap/c']);
    assert.deepEqual(await pick('env in (prod,test)'), ['configmap/a', 'configmap/c']);
    assert.deepEqual(await pick('env notin (prod,test),env'), ['configmap/b']);
    assert.deepEqual(await pick('tier'), ['configmap/a', 'configmap/b']);
    assert.deepEqual(await pick('!tier,env'), ['configmap/c']);
    const bad = await c.kubectl(['get', 'cm', '-l', 'env in prod']);
    assert.notEqual(bad.code, 0);
  });

  it('pages a list with kubectl --chunk-size', async (t) => {
    const c = await startCluster(t);
    for (let i = 0; i < 7; i++) await c.ok(['create', 'configmap', `cm-${i}`]);
    const out = await c.ok(['get', 'cm', '--chunk-size=3', '-o', 'name', '-v=6']);
    assert.equal(out.trim().split('\n').filter((l) => l.startsWith('configmap/cm-')).length, 7);
    const api = apiClient(t, c.kubeconfig);
    const first = JSON.parse((await api.request('GET', '/api/v1/namespaces/default/configmaps?limit=3')).body);
    assert.equal(first.items.length, 3);
    const second = JSON.parse((await api.request('GET', `/api/v1/namespaces/default/configmaps?limit=3&continue=${encodeURIComponent(first.metadata.continue)}`)).body);
    assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion);
    assert.notEqual(second.items[0].metadata.name, first.items[2].metadata.name);
  });

  it('sends bookmarks to a watch that asks for them', async (t) => {
    const c = await startCluster(t);
    const api = apiClient(t, c.kubeconfig);
    const list = JSON.parse((await api.request('GET', '/api/v1/namespaces/default/pods')).body);
    const lines = await api.watch(`/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=7`);
    const bookmark = lines.map((l) => JSON.parse(l)).find((e: { type: string }) => e.type === 'BOOKMARK');
    assert.ok(bookmark, `a bookmark within the watch: ${lines.join('\n')}`);
    assert.equal(bookmark.object.kind, 'Pod');
    assert.match(bookmark.object.metadata.resourceVersion, /^\d+$/);
  });

  it('streams new rows to kubectl get -w', async (t) => {
    const c = await startCluster(t);
    await c.ok(['run', 'early', '--image=nginx']);
    const watcher = spawn(KUBECTL, ['get', 'pods', '-w'], { env: { ...process.env, KUBECONFIG: c.kubeconfig, HOME: c.dataDir } });
    t.after(() => watcher.kill());
    let out = '';
    const waiters: [RegExp, () => void][] = [];
    watcher.stdout.on('data', (d: Buffer) => {
      out += d;
      for (const [pattern, resolve] of waiters) if (pattern.test(out)) resolve();
    });
    const row = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        if (pattern.test(out)) resolve();
        else waiters.push([pattern, resolve]);
      });
    // The first row shows kubectl has listed; the watch it opens next must bring the second.
    await withDeadline(row(/^early\s+0\/1\s+Pending\s+0\s+\d+s$/m), 20_000, 'kubectl get -w to list');
    await c.ok(['run', 'late', '--image=nginx']);
    await withDeadline(row(/^late\s+0\/1\s+Pending\s+0\s+\d+s$/m), 20_000, 'the new pod in kubectl get -w');
    assert.match(out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
  });

  it('describes a pod and prints a client-side dry run', async (t) => {
    const c = await startCluster(t);
    const yaml = await c.ok(['run', 'web', '--image=nginx', '--labels=app=web', '--dry-run=client', '-o', 'yaml']);
    assert.match(yaml, /^kind: Pod$/m);
    assert.equal((await c.kubectl(['get', 'pods'])).stderr.trim(), 'No resources found in default namespace.');
    await c.ok(['run', 'web', '--image=nginx', '--labels=app=web']);
    const described = await c.ok(['describe', 'pod', 'web']);
    assert.match(described, /^Name:\s+web$/m);
    assert.match(described, /^Labels:\s+app=web$/m);
    assert.match(described, /^Status:\s+Pending$/m);
    // No nodes at all: the scheduler says so, as upstream's does.
    await eventually(
      async () => (/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+no nodes available to schedule pods$/m.test(await c.ok(['describe', 'pod', 'web'])) ? true : undefined),
      20_000,
      'the FailedScheduling event',
    );
    assert.match(await c.ok(['get', 'all']), /^pod\/web\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    await c.ok(['patch', 'pod', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.27"}]']);
    await c.ok(['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"tier":"front"}}}']);
    assert.equal(await c.ok(['get', 'pod', 'web', '-o', 'jsonpath={.spec.containers[0].image} {.metadata.labels.tier}']), 'nginx:1.27 front');
  });
});
