// The seed's init-container experiment on a real node: a pod whose init
// containers loop on `nslookup` for my-service-1 / my-service-2 waits at
// Init:0/2 until the first Service exists, at Init:1/2 until the second
// does, then runs (the manifests: test/fixtures/init-demo/README.md). Resolution goes through the pod's resolv.conf
// (ClusterFirst: nameserver 10.43.0.10, the namespace's search domains),
// the service proxy's DNAT of 10.43.0.10 and the cluster DNS server.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { untilOutput } from '../cluster.js';
import { eventually } from '../helpers.js';
import { inBackground, kubectlArgv, startNodeCluster } from '../node-cluster.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'init-demo');
const file = (name: string) => path.join(FIXTURES, name);

describe("the seed's init-container experiment", () => {
  it('goes Init:0/2 → Init:1/2 → Running as the services it looks up are created', async (t) => {
    const c = await startNodeCluster(t);
    // As the seed does, a second window watches the pod's changes.
    const watch = inBackground(t, c, kubectlArgv(c, ['get', 'pods', '-w', '-o', 'wide']));
    await c.ok(['create', '-f', file('02-init-demo.yaml')]);
    await untilOutput(c, ['get', 'pods', '-o', 'wide'], /^init-demo\s+0\/1\s+Init:0\/2\s+0\s+\S+\s+10\.42\.0\.\d+\s+node-\w+\s+<none>\s+<none>$/m, 60_000);
    await untilOutput(c, ['logs', 'init-demo', '-c', 'init-c-1'], /waiting for my-service-1/, 30_000);

    await c.ok(['create', '-f', file('02-init-demo-my-service-01.yaml')]);
    const found = await untilOutput(c, ['logs', 'init-demo', '-c', 'init-c-1'], /Name:\s+my-service-1\.default\.svc\.cluster\.local/, 30_000);
    assert.match(found, /Server:\s+10\.43\.0\.10\n/);
    const ip = await c.ok(['get', 'svc', 'my-service-1', '-o', 'jsonpath={.spec.clusterIP}']);
    assert.match(found, new RegExp(`Address: ${ip.replace(/\./g, '\\.')}\\n`));
    await untilOutput(c, ['get', 'pods', '-o', 'wide'], /^init-demo\s+0\/1\s+Init:1\/2\s+0\s/m, 30_000);

    await c.ok(['create', '-f', file('02-init-demo-my-service-02.yaml')]);
    await untilOutput(c, ['logs', 'init-demo', '-c', 'init-c-2'], /Server:\s+10\.43\.0\.10\n[\s\S]*Name:\s+my-service-2\.default\.svc\.cluster\.local/, 30_000);
    await untilOutput(c, ['get', 'pods', '-o', 'wide'], /^init-demo\s+1\/1\s+Running\s+0\s/m, 30_000);
    assert.equal(await c.ok(['logs', 'init-demo']), 'the app is running\n');

    // The watch saw the same steps, in the seed's order (once it has caught up with Running).
    const watched = () =>
      watch
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('init-demo '))
        .map((l) => l.split(/\s+/)[2]);
    const statuses = await eventually(async () => (watched().includes('Running') ? watched() : undefined), 10_000, () => `the watch to show Running (it showed ${watched().join(', ')})`);
    const steps = statuses.filter((s, i) => s !== statuses[i - 1]);
    assert.deepEqual(
      steps.filter((s) => s !== 'Pending' && s !== 'PodInitializing'),
      ['Init:0/2', 'Init:1/2', 'Running'],
      `watch showed: ${steps.join(' → ')}`,
    );
  });
});
