// A second real client: the official JavaScript library, @kubernetes/client-node,
// creating, listing and watching pods the way applications do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startCluster } from '../cluster.js';
import { withDeadline } from '../helpers.js';

describe('@kubernetes/client-node', () => {
  it('creates, lists and watches pods', async (t) => {
    const c = await startCluster(t);
    const config = new k8s.KubeConfig();
    config.loadFromFile(c.kubeconfig);
    const core = config.makeApiClient(k8s.CoreV1Api);

    const seen: string[] = [];
    let sawCreated!: () => void;
    const created = new Promise<void>((resolve) => (sawCreated = resolve));
    const watch = new k8s.Watch(config);
    const request = await watch.watch(
      '/api/v1/namespaces/default/pods',
      {},
      (type: string, pod: k8s.V1Pod) => {
        seen.push(`${type} ${pod.metadata?.name}`);
        if (type === 'ADDED' && pod.metadata?.name === 'from-library') sawCreated();
      },
      () => {},
    );
    t.after(() => request.abort());

    const pod = await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'from-library', labels: { app: 'lib' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    });
    assert.equal(pod.status?.phase, 'Pending');
    assert.equal(pod.spec?.restartPolicy, 'Always');

    const list = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=lib' });
    assert.deepEqual(list.items.map((p) => p.metadata?.name), ['from-library']);

    await withDeadline(created, 10_000, 'the watch to see the new pod');
    // Later events (the scheduler's status writes) may follow; the first is the creation.
    assert.equal(seen[0], 'ADDED from-library');

    await assert.rejects(core.readNamespacedPod({ name: 'nope', namespace: 'default' }), (err: { code?: number }) => err.code === 404);
  });
});
