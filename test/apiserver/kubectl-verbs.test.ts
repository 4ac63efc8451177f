// The rest of the kubectl surface the seeds and users lean on: output
// formats, edit, replace, wait, delete by label and --all, the current
// context's namespace, watch-only, and a smoke
// run of the oldest and newest kubectl on these machines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { KUBECTL, startCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const POD = (name: string, labels = 'app: web') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    ${labels}
spec:
  containers:
  - name: app
    image: nginx:1.25
`;

describe('kubectl verbs and output formats', () => {
  it('prints custom columns, go templates, jsonpath and label columns', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', '-f', '-'], { input: POD('one') });
    assert.equal(
      await c.ok(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image']),
      'NAME   IMAGE\none    nginx:1.25\n',
    );
    assert.equal(await c.ok(['get', 'pod', 'one', '-o', 'go-template={{.spec.restartPolicy}}']), 'Always');
    assert.equal(await c.ok(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']), 'one');
    assert.match(await c.ok(['get', 'pods', '-L', 'app']), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+APP\none\s+0\/1\s+Pending\s+0\s+\d+s\s+web\n$/);
  });

  it('edits with $EDITOR, replaces from a file, and waits on a jsonpath', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', '-f', '-'], { input: POD('one') });
    const editor = path.join(c.dataDir, 'editor.sh');
    fs.writeFileSync(editor, '#!/bin/sh\nsed -i "s/image: nginx:1.25/image: nginx:1.27/" "$1"\n', { mode: 0o755 });
    const edited = await c.kubectl(['edit', 'pod', 'one'], { env: { EDITOR: editor } });
    assert.equal(edited.stdout.trim(), 'pod/one edited', edited.stderr);
    assert.equal(await c.ok(['get', 'pod', 'one', '-o', 'jsonpath={.spec.containers[0].image}']), 'nginx:1.27');
    const forbidden = POD('one').replace('name: app', 'name: renamed');
    const r = await c.kubectl(['replace', '-f', '-'], { input: forbidden });
    assert.match(r.stderr, /^The Pod "one" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/);
    assert.equal((await c.ok(['replace', '-f', '-'], { input: POD('one', 'app: replaced') })).trim(), 'pod/one replaced');
    assert.equal((await c.ok(['wait', 'pod/one', '--for=jsonpath={.metadata.labels.app}=replaced', '--timeout=10s'])).trim(), 'pod/one condition met');
  });

  it('deletes by label and with --all', async (t) => {
    const c = await startCluster(t);
    for (const [name, app] of [['a', 'web'], ['b', 'web'], ['c', 'db']]) await c.ok(['create', '-f', '-'], { input: POD(name!, `app: ${app}`) });
    assert.equal((await c.ok(['delete', 'pods', '-l', 'app=web'])).trim(), 'pod "a" deleted\npod "b" deleted');
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), 'pod/c');
    assert.equal((await c.ok(['delete', 'pods', '--all'])).trim(), 'pod "c" deleted');
    assert.equal((await c.kubectl(['get', 'pods'])).stderr.trim(), 'No resources found in default namespace.');
  });

  it('follows the namespace set with config set-context --current', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'namespace', 'dev']);
    assert.equal((await c.ok(['config', 'set-context', '--current', '--namespace=dev'])).trim(), 'Context "default" modified.');
    assert.equal((await c.kubectl(['get', 'pods'])).stderr.trim(), 'No resources found in dev namespace.');
    await c.ok(['create', '-f', '-'], { input: POD('in-dev') });
    assert.equal(await c.ok(['get', 'pods', '-A', '--field-selector=metadata.name=in-dev', '-o', 'jsonpath={.items[0].metadata.namespace}']), 'dev');
  });

  it('shows only later changes with get --watch-only', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'configmap', 'before']);
    const watcher = spawn(KUBECTL, ['get', 'configmaps', '--watch-only'], { env: { ...process.env, KUBECONFIG: c.kubeconfig, HOME: c.dataDir } });
    t.after(() => watcher.kill());
    let out = '';
    watcher.stdout.on('data', (d: Buffer) => (out += d));
    // kubectl lists before it watches; configmaps made before that are not news, so keep making them until one shows.
    let n = 0;
    await eventually(
      async () => {
        await c.ok(['create', 'configmap', `after-${++n}`]);
        return /^after-\d+\s+0\s+\d+s$/m.test(out) ? true : undefined;
      },
      20_000,
      'a new configmap in kubectl get --watch-only',
    );
    assert.doesNotMatch(out, /^before\s/m);
  });

  // kubectl 1.27 reads OpenAPI v2 (protobuf) for explain and for its field-validation check; 1.33 reads v3.
  for (const minor of ['27', '33']) {
    it(`works with kubectl 1.${minor}: create, explain, get, label, delete`, async (t) => {
      const c = await startCluster(t);
      const binary = `/usr/lib/google-cloud-sdk/bin/kubectl.1.${minor}`;
      assert.equal((await c.ok(['create', '-f', '-'], { input: POD('smoke'), binary })).trim(), 'pod/smoke created');
      assert.match(await c.ok(['explain', 'pod.spec.containers.ports'], { binary }), /^FIELD: ports <\[\]ContainerPort>$/m);
      const typo = await c.kubectl(['create', '-f', '-'], { input: POD('typo').replace('image:', 'imagee:'), binary });
      assert.match(typo.stderr, /strict decoding error: unknown field "spec\.containers\[0\]\.imagee"/);
      assert.match(await c.ok(['get', 'pods', '-o', 'wide'], { binary }), /^smoke\s+0\/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>$/m);
      assert.equal((await c.ok(['label', 'pod', 'smoke', 'checked=yes'], { binary })).trim(), 'pod/smoke labeled');
      assert.equal((await c.ok(['create', 'namespace', 'smoke'], { binary })).trim(), 'namespace/smoke created');
      assert.equal((await c.ok(['delete', 'pod', 'smoke'], { binary })).trim(), 'pod "smoke" deleted');
    });
  }
});
