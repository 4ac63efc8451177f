// Pods through the real kubectl: the seeds' manifests created, listed,
// printed, patched and deleted, with upstream's columns and texts. No node
// runs them yet, so they stay Pending.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { startCluster } from '../cluster.js';

// From the seeds: the first pod manifest.
const POD_FIRST = `apiVersion: v1
kind: Pod
metadata:
  name: pod-first
  labels:
    app: tomcat-pod-first
spec:
  containers:
  - name: tomcat-first
    image: tomcat:8.5-jre8-alpine
    imagePullPolicy: IfNotPresent
    ports:
    - containerPort: 8080
`;

describe('pods through kubectl', () => {
  it('creates a pod from a manifest, lists, prints and deletes it', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['create', '-f', '-'], { input: POD_FIRST })).trim(), 'pod/pod-first created');
    const again = await c.kubectl(['create', '-f', '-'], { input: POD_FIRST });
    assert.equal(again.stderr.trim(), 'Error from server (AlreadyExists): error when creating "STDIN": pods "pod-first" already exists');

    assert.match(await c.ok(['get', 'pods']), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod-first\s+0\/1\s+Pending\s+0\s+\d+s\n$/);
    assert.match(
      await c.ok(['get', 'pods', '-o', 'wide']),
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\npod-first\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>\n$/,
    );
    assert.match(await c.ok(['get', 'pods', '--show-labels']), /pod-first\s+0\/1\s+Pending\s+0\s+\d+s\s+app=tomcat-pod-first\n$/);
    assert.match(await c.ok(['get', 'pods', '-l', 'app=tomcat-pod-first', '-o', 'name']), /^pod\/pod-first\n$/);
    assert.equal((await c.ok(['get', 'pods', '-l', 'app=other'])).trim(), '');

    const pod = YAML.parse(await c.ok(['get', 'pod', 'pod-first', '-o', 'yaml']));
    assert.equal(pod.status.phase, 'Pending');
    assert.equal(pod.spec.restartPolicy, 'Always');
    assert.equal(pod.spec.containers[0].terminationMessagePath, '/dev/termination-log');
    assert.equal(pod.spec.containers[0].ports[0].protocol, 'TCP');
    assert.match(pod.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(pod.metadata.resourceVersion, /^\d+$/);

    assert.equal((await c.ok(['delete', 'pod', 'pod-first'])).trim(), 'pod "pod-first" deleted');
    const gone = await c.kubectl(['get', 'pod', 'pod-first']);
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): pods "pod-first" not found');
  });

  it('applies a manifest: create, unchanged, then patch after an edit', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['apply', '-f', '-'], { input: POD_FIRST })).trim(), 'pod/pod-first created');
    assert.equal((await c.ok(['apply', '-f', '-'], { input: POD_FIRST })).trim(), 'pod/pod-first unchanged');
    const edited = POD_FIRST.replace('app: tomcat-pod-first', 'app: tomcat-pod-first\n    tier: web');
    assert.equal((await c.ok(['apply', '-f', '-'], { input: edited })).trim(), 'pod/pod-first configured');
    assert.match(await c.ok(['get', 'pods', '--show-labels']), /app=tomcat-pod-first,tier=web/);
  });

  it('labels and annotates pods, and removes labels', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', '-f', '-'], { input: POD_FIRST });
    assert.equal((await c.ok(['label', 'pod', 'pod-first', 'env=dev'])).trim(), 'pod/pod-first labeled');
    const clash = await c.kubectl(['label', 'pod', 'pod-first', 'env=prod']);
    assert.match(clash.stderr, /'env' already has a value \(dev\), and --overwrite is false/);
    await c.ok(['label', 'pod', 'pod-first', 'env=prod', '--overwrite']);
    assert.match(await c.ok(['get', 'pod', 'pod-first', '-L', 'env']), /pod-first\s+0\/1\s+Pending\s+0\s+\d+s\s+prod\n/);
    await c.ok(['label', 'pod', 'pod-first', 'env-']);
    assert.doesNotMatch(await c.ok(['get', 'pod', 'pod-first', '--show-labels']), /env=/);
    assert.equal((await c.ok(['annotate', 'pod', 'pod-first', 'owner=team-a'])).trim(), 'pod/pod-first annotated');
    assert.equal(await c.ok(['get', 'pod', 'pod-first', '-o', 'jsonpath={.metadata.annotations.owner}']), 'team-a');
  });

  it('rejects bad pods with upstream messages and stores nothing', async (t) => {
    const c = await startCluster(t);
    const noImage = POD_FIRST.replace('    image: tomcat:8.5-jre8-alpine\n', '');
    const r1 = await c.kubectl(['create', '-f', '-'], { input: noImage });
    assert.equal(r1.stderr.trim(), 'The Pod "pod-first" is invalid: spec.containers[0].image: Required value');
    const typo = POD_FIRST.replace('    image:', '    imagee:');
    const r2 = await c.kubectl(['create', '-f', '-'], { input: typo });
    assert.match(r2.stderr, /strict decoding error: unknown field "spec\.containers\[0\]\.imagee"/);
    const badName = POD_FIRST.replace('name: pod-first', 'name: Pod_First');
    const r3 = await c.kubectl(['create', '-f', '-'], { input: badName });
    assert.match(r3.stderr, /^The Pod "Pod_First" is invalid: metadata\.name: Invalid value: "Pod_First": a lowercase RFC 1123 subdomain must consist of/);
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), '');
  });

  it('creates namespaces with the typed client (protobuf) and pods in them', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['create', 'namespace', 'dev'])).trim(), 'namespace/dev created');
    assert.equal((await c.ok(['run', 'nginx', '--image=nginx', '--namespace=dev'])).trim(), 'pod/nginx created');
    assert.match(await c.ok(['get', 'pods', '-n=dev']), /^nginx\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    assert.match(await c.ok(['get', 'pods', '-A']), /^dev\s+nginx\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    const missing = await c.kubectl(['run', 'x', '--image=nginx', '-n', 'nope']);
    assert.equal(missing.stderr.trim(), 'Error from server (NotFound): namespaces "nope" not found');
  });

  it('lets a scheduled pod wait for its node when deleted, unless forced', async (t) => {
    const c = await startCluster(t);
    const onNode = POD_FIRST.replace('spec:\n', 'spec:\n  nodeName: node-1\n');
    await c.ok(['create', '-f', '-'], { input: onNode });
    assert.equal((await c.ok(['delete', 'pod', 'pod-first', '--wait=false'])).trim(), 'pod "pod-first" deleted');
    assert.match(await c.ok(['get', 'pods']), /^pod-first\s+0\/1\s+Terminating\s+0\s+\d+s$/m);
    const pod = JSON.parse(await c.ok(['get', 'pod', 'pod-first', '-o', 'json']));
    assert.equal(pod.metadata.deletionGracePeriodSeconds, 30);
    const forced = await c.kubectl(['delete', 'pod', 'pod-first', '--force', '--grace-period=0']);
    assert.equal(forced.stdout.trim(), 'pod "pod-first" force deleted');
    assert.match(forced.stderr, /^Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated/);
    const gone = await c.kubectl(['get', 'pod', 'pod-first']);
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): pods "pod-first" not found');
  });
});
