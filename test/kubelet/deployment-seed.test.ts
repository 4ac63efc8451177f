// The seeds' Deployment on a real node, as the tutorial does it: the
// nginx image imported under the name the manifest uses (the seed runs
// `ctr -n=k8s.io images import xianchao-nginx.tar.gz`; here the node's
// nginx is tagged so through `peapod ctr`), `kubectl apply -f
// nginx-deploy.yaml`, two pods serving the welcome page on their pod IPs,
// a deleted pod replaced, and `kubectl delete -f` taking everything away.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PEAPOD } from '../cluster.js';
import { eventually } from '../helpers.js';
import { startNodeCluster, type NodeCluster } from '../node-cluster.js';

const MANIFEST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'seeds', 'nginx-deploy.yaml');

async function runningPods(c: NodeCluster): Promise<{ name: string; ip: string }[]> {
  const out = await c.ok(['get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.podIP} {.metadata.deletionTimestamp}{"\\n"}{end}']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '))
    .filter(([, phase, ip, deleting]) => phase === 'Running' && ip && !deleting)
    .map(([name, , ip]) => ({ name: name!, ip: ip! }));
}

describe("the seeds' Deployment on a real node", () => {
  it('runs two nginx pods, replaces a deleted one and deletes them with the Deployment', async (t) => {
    const c = await startNodeCluster(t);
    // The node imports nginx in the background after it starts: tag it once it is there.
    const ctr = (...args: string[]) => execFileSync(process.execPath, [PEAPOD, 'ctr', '--data-dir', c.dataDir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    await eventually(
      async () => {
        try {
          ctr('images', 'tag', '--force', 'docker.io/library/nginx:latest', 'docker.io/xianchao/nginx:v1');
          return true;
        } catch {
          return undefined;
        }
      },
      60_000,
      'the nginx image to be imported',
    );

    assert.equal(await c.ok(['apply', '-f', MANIFEST]), 'deployment.apps/nginx-test created\n');
    const pods = await eventually(async () => {
      const now = await runningPods(c);
      return now.length === 2 ? now : undefined;
    }, 90_000, 'two nginx pods Running');
    assert.match(await c.ok(['get', 'deploy', '-l', 'app=nginx-deploy']), /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-test\s+2\/2\s+2\s+2\s+\d+s\n$/);
    for (const pod of pods) {
      assert.match(pod.ip, /^10\.42\.0\.\d+$/);
      assert.match(c.inNetns(['curl', '-s', '--max-time', '5', `http://${pod.ip}/`]), /Welcome to nginx!/);
    }

    assert.equal(await c.ok(['delete', 'pods', pods[0]!.name]), `pod "${pods[0]!.name}" deleted\n`);
    await eventually(
      async () => {
        const now = await runningPods(c);
        return now.length === 2 && !now.some((p) => p.name === pods[0]!.name) ? true : undefined;
      },
      60_000,
      'a replacement pod Running',
    );

    assert.equal(await c.ok(['delete', '-f', MANIFEST]), 'deployment.apps "nginx-test" deleted\n');
    await eventually(async () => ((await c.ok(['get', 'rs,pods', '-l', 'app=nginx', '-o', 'name'])) === '' ? true : undefined), 60_000, 'ReplicaSet and pods gone');
  });
});
