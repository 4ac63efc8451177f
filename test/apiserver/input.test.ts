// Bad input gets upstream's error and changes nothing; dry runs store
// nothing; watches deliver every change and end at timeoutSeconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiClient } from '../api-client.js';
import { startCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const POD = (name: string, containers = '  - name: app\n    image: nginx\n') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
${containers}`;

describe('bad input and dry runs', () => {
  it('answers each kind of bad pod with upstream text and stores nothing', async (t) => {
    const c = await startCluster(t);
    const before = await c.ok(['get', 'pods', '-A', '-o', 'json']);
    const wrongType = await c.kubectl(['create', '-f', '-'], {
      input: POD('typed', '  - name: app\n    image: nginx\n    ports:\n    - containerPort: "abc"\n'),
    });
    assert.equal(
      wrongType.stderr.trim(),
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
    const duplicate = await c.kubectl(['create', '-f', '-'], {
      input: POD('dup', '  - name: app\n    image: nginx\n  - name: app\n    image: busybox\n'),
    });
    assert.equal(duplicate.stderr.trim(), 'The Pod "dup" is invalid: spec.containers[1].name: Duplicate value: "app"');
    const badLabel = await c.kubectl(['create', '-f', '-'], { input: POD('labelled').replace('  name: labelled\n', '  name: labelled\n  labels:\n    "a b": x\n') });
    assert.match(badLabel.stderr, /^The Pod "labelled" is invalid: metadata\.labels: Invalid value: "a b": name part must consist of alphanumeric characters/);
    const longName = await c.kubectl(['run', 'x'.repeat(254), '--image=nginx']);
    assert.match(longName.stderr, /metadata\.name: Invalid value: "x{254}": must be no more than 253 characters/);
    const noContainers = await c.kubectl(['create', '-f', '-'], { input: POD('empty', '  []\n').replace('containers:\n  []', 'containers: []') });
    assert.equal(noContainers.stderr.trim(), 'The Pod "empty" is invalid: spec.containers: Required value');
    assert.equal(await c.ok(['get', 'pods', '-A', '-o', 'json']), before);
  });

  it('checks resources, quantities, probes and policies as upstream does', async (t) => {
    const c = await startCluster(t);
    const withContainer = (name: string, extra: string) => POD(name, `  - name: app\n    image: nginx\n${extra}`);
    const over = await c.kubectl(['create', '-f', '-'], {
      input: withContainer('over', '    resources:\n      requests:\n        cpu: 600m\n      limits:\n        cpu: 500m\n'),
    });
    assert.equal(over.stderr.trim(), 'The Pod "over" is invalid: spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m');
    const quantity = await c.kubectl(['create', '-f', '-'], { input: withContainer('qty', '    resources:\n      limits:\n        memory: lots\n') });
    assert.match(quantity.stderr, /quantities must match the regular expression/);
    const twoHandlers = await c.kubectl(['create', '-f', '-'], {
      input: withContainer('probe', '    livenessProbe:\n      exec:\n        command: [\"true\"]\n      tcpSocket:\n        port: 80\n'),
    });
    assert.equal(twoHandlers.stderr.trim(), 'The Pod "probe" is invalid: spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type');
    const pull = await c.kubectl(['create', '-f', '-'], { input: withContainer('pull', '    imagePullPolicy: Sometimes\n') });
    assert.equal(pull.stderr.trim(), 'The Pod "pull" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"');
    const guaranteed = await c.ok(['create', '-f', '-', '-o', 'jsonpath={.status.qosClass}'], {
      input: withContainer('sized', '    resources:\n      limits:\n        cpu: 500m\n        memory: 64Mi\n'),
    });
    assert.equal(guaranteed, 'Guaranteed');
  });

  it('rejects malformed and oversized bodies', async (t) => {
    const c = await startCluster(t);
    const api = apiClient(t, c.kubeconfig);
    const malformed = await api.request('POST', '/api/v1/namespaces/default/pods', '{"metadata": {');
    assert.equal(malformed.status, 400);
    assert.equal(JSON.parse(malformed.body).reason, 'BadRequest');
    const huge = JSON.stringify({ metadata: { name: 'huge', annotations: { a: 'x'.repeat(3 * 1024 * 1024) } }, spec: {} });
    const tooLarge = await api.request('POST', '/api/v1/namespaces/default/pods', huge);
    assert.equal(tooLarge.status, 413);
    assert.deepEqual(JSON.parse(tooLarge.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Request entity too large: limit is 3145728',
      reason: 'RequestEntityTooLarge',
      code: 413,
    });
    const yaml = await api.request('POST', '/api/v1/namespaces', 'metadata:\n  name: from-yaml\n', { 'content-type': 'application/yaml' });
    assert.equal(yaml.status, 201);
    const unknownType = await api.request('POST', '/api/v1/namespaces', 'x', { 'content-type': 'text/plain' });
    assert.equal(unknownType.status, 415);
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), '');
  });

  it('stores nothing on a server-side dry run', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['create', '-f', '-', '--dry-run=server'], { input: POD('dry') })).trim(), 'pod/dry created (server dry run)');
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), '');
    await c.ok(['create', '-f', '-'], { input: POD('real') });
    assert.equal((await c.ok(['delete', 'pod', 'real', '--dry-run=server'])).trim(), 'pod "real" deleted (server dry run)');
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), 'pod/real');
  });
});

describe('watch over the API', () => {
  it('streams ADDED, MODIFIED and DELETED in order and ends at timeoutSeconds', async (t) => {
    const c = await startCluster(t);
    const api = apiClient(t, c.kubeconfig);
    // A configmap: nothing but the test writes to it (a pod would also get the scheduler's status writes).
    const list = JSON.parse((await api.request('GET', '/api/v1/namespaces/default/configmaps')).body);
    let sawAdded!: () => void;
    const added = new Promise<void>((resolve) => (sawAdded = resolve));
    const watching = api.watch(
      `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=3`,
      (line) => {
        if (JSON.parse(line).type === 'ADDED') sawAdded();
      },
    );
    await c.ok(['create', 'configmap', 'watched']);
    await added;
    await c.ok(['label', 'configmap', 'watched', 'stage=two']);
    await c.ok(['delete', 'configmap', 'watched']);
    const events = (await watching).map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string; labels?: object; resourceVersion: string } } });
    assert.deepEqual(
      events.map((e) => [e.type, e.object.metadata.name]),
      [
        ['ADDED', 'watched'],
        ['MODIFIED', 'watched'],
        ['DELETED', 'watched'],
      ],
    );
    assert.deepEqual(events[1]!.object.metadata.labels, { stage: 'two' });
    const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
    assert.deepEqual([...versions].sort((a, b) => a - b), versions);
  });

  it('answers upstream\'s Timeout for a resourceVersion from the future', async (t) => {
    const c = await startCluster(t);
    const api = apiClient(t, c.kubeconfig);
    const far = await api.request('GET', '/api/v1/namespaces/default/pods?resourceVersion=999999&resourceVersionMatch=Exact');
    assert.equal(far.status, 504);
    assert.match(JSON.parse(far.body).message, /^Too large resource version: 999999, current: \d+$/);
  });

  it('answers 410 Gone once history before a resourceVersion is compacted', async (t) => {
    const c = await startCluster(t, ['--datastore-compact-interval', '200ms']);
    const api = apiClient(t, c.kubeconfig);
    const old = JSON.parse((await api.request('GET', '/api/v1/namespaces/default/configmaps')).body).metadata.resourceVersion;
    // The compactor always keeps the last 1000 revisions: write more than that.
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 1100) {
          const name = `cm-${next++}`;
          const r = await api.request('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name } }));
          assert.equal(r.status, 201, r.body);
        }
      }),
    );
    const gone = await eventually(
      async () => {
        const r = await api.request('GET', `/api/v1/namespaces/default/configmaps?resourceVersion=${old}&resourceVersionMatch=Exact`);
        return r.status === 410 ? r : undefined;
      },
      20_000,
      'the compactor to pass the old revision',
    );
    assert.equal(JSON.parse(gone.body).message, 'The resourceVersion for the provided list is too old.');
    // "Not older than" still answers, with the latest state.
    const notOlder = await api.request('GET', `/api/v1/namespaces/default/configmaps?resourceVersion=${old}&limit=1`);
    assert.equal(notOlder.status, 200);
    const lines = await api.watch(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${old}`);
    const error = JSON.parse(lines[0]!);
    assert.equal(error.type, 'ERROR');
    assert.equal(error.object.code, 410);
    assert.equal(error.object.reason, 'Expired');
    assert.match(error.object.message, new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`));
  });

  it('starts a watch without resourceVersion with the objects that exist', async (t) => {
    const c = await startCluster(t);
    const api = apiClient(t, c.kubeconfig);
    const lines = await api.watch('/api/v1/namespaces?watch=1&timeoutSeconds=1');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)).map((e: { type: string; object: { metadata: { name: string } } }) => [e.type, e.object.metadata.name]),
      [
        ['ADDED', 'default'],
        ['ADDED', 'kube-node-lease'],
        ['ADDED', 'kube-public'],
        ['ADDED', 'kube-system'],
      ],
    );
    const one = await api.watch('/api/v1/namespaces/default?watch=1&timeoutSeconds=1');
    assert.deepEqual(one.map((l) => JSON.parse(l).object.metadata.name), ['default']);
  });
});

describe('selectors and concurrent writers', () => {
  it('refuses a field selector on a field the kind does not support', async (t) => {
    const c = await startCluster(t);
    const r = await c.kubectl(['get', 'pods', '--field-selector', 'spec.nodeNmae=n1']);
    assert.match(r.stderr, /field label not supported: spec\.nodeNmae/);
    assert.equal((await c.ok(['get', 'pods', '--field-selector', 'spec.nodeName=n1'])).trim(), '');
    const labelled = await c.kubectl(['get', 'configmaps', '-A', '-l', 'toString']);
    assert.match(labelled.stderr, /^No resources found/);
  });

  it('keeps every change when writers without a resourceVersion race', async (t) => {
    const c = await startCluster(t);
    const api = apiClient(t, c.kubeconfig);
    await c.ok(['run', 'shared', '--image=nginx']);
    const path = '/api/v1/namespaces/default/pods/shared';
    // Label patches race status updates sent without a resourceVersion: each must land on the
    // newest version, so no label is lost and every status write succeeds.
    const writes = Array.from({ length: 20 }, (_, i) => [
      api.request('PATCH', path, JSON.stringify({ metadata: { labels: { [`l${i}`]: 'x' } } }), { 'content-type': 'application/merge-patch+json' }),
      api.request('PUT', `${path}/status`, JSON.stringify({ metadata: { name: 'shared' }, status: { phase: 'Pending', message: `round ${i}` } })),
    ]).flat();
    for (const r of await Promise.all(writes)) assert.equal(r.status, 200, r.body);
    const final = JSON.parse((await api.request('GET', path)).body);
    assert.equal(Object.keys(final.metadata.labels).filter((k) => k.startsWith('l')).length, 20, JSON.stringify(final.metadata.labels));
    assert.match(final.status.message, /^round \d+$/);
  });
});
