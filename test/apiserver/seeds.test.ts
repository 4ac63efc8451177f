// The founding tutorials' manifests, verbatim: each is created with kubectl
// and reads back with upstream's defaults. (No node runs them yet.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { startCluster } from '../cluster.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'seeds');
const manifest = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8');
const pods = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .filter((name) => YAML.parse(manifest(name)).kind === 'Pod' && name !== 'security-context-demo');

describe("the tutorials' manifests", () => {
  it('creates every pod manifest verbatim, each in a namespace of its own', async (t) => {
    assert.ok(pods.length >= 15, `found ${pods.length} pod manifests`);
    const c = await startCluster(t);
    for (const [i, name] of pods.entries()) {
      const ns = `seed-${i}`;
      await c.ok(['create', 'namespace', ns]);
      const podName = YAML.parse(manifest(name)).metadata.name;
      assert.equal((await c.ok(['create', '-f', path.join(FIXTURES, `${name}.yaml`), '-n', ns])).trim(), `pod/${podName} created`, name);
      assert.match(await c.ok(['get', 'pod', podName, '-n', ns]), new RegExp(`^${podName}\\s+0/\\d+\\s+(Pending|Init:0/\\d+)\\s+0\\s+\\d+s$`, 'm'));
    }
  });

  it('creates the namespace manifest and refuses the fragment as upstream does', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['create', '-f', path.join(FIXTURES, 'custom-namespace.yaml')])).trim(), 'namespace/custom-namespace created');
    const fragment = await c.kubectl(['create', '-f', path.join(FIXTURES, 'security-context-demo.yaml')]);
    assert.equal(fragment.stderr.trim(), 'The Pod "security-context-demo" is invalid: spec.containers: Required value');
  });

  it('fills in upstream defaults: probes, volumes, tolerations, QoS', async (t) => {
    const c = await startCluster(t);
    for (const name of ['examplepodforliveness', 'init-demo', 'examplepodforpoststartandprestop']) {
      await c.ok(['create', '-f', path.join(FIXTURES, `${name}.yaml`)]);
    }
    const liveness = JSON.parse(await c.ok(['get', 'pod', 'examplepodforliveness', '-o', 'json']));
    assert.deepEqual(
      { ...liveness.spec.containers[0].livenessProbe, exec: undefined },
      { exec: undefined, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    );
    assert.deepEqual(liveness.spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    assert.equal(liveness.status.qosClass, 'BestEffort');
    const init = JSON.parse(await c.ok(['get', 'pod', 'init-demo', '-o', 'json']));
    assert.equal(init.spec.dnsPolicy, 'Default');
    assert.deepEqual(init.spec.volumes, [{ name: 'workdir', emptyDir: {} }]);
    assert.match(await c.ok(['get', 'pod', 'init-demo']), /^init-demo\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    const hooks = JSON.parse(await c.ok(['get', 'pod', 'examplepodforpoststartandprestop', '-o', 'json']));
    assert.equal(hooks.spec.containers[0].lifecycle.postStart.httpGet.scheme, 'HTTP');
    const broken = manifest('init-demo').replace('- name: workdir\n      mountPath: "/work-dir"', '- name: nowhere\n      mountPath: "/work-dir"');
    const r = await c.kubectl(['create', '-f', '-', '-n', 'default'], { input: broken.replace('name: init-demo', 'name: init-broken') });
    assert.equal(r.stderr.trim(), 'The Pod "init-broken" is invalid: spec.initContainers[0].volumeMounts[0].name: Not found: "nowhere"');
  });
});
