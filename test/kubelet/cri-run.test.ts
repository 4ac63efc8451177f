// Containers through CRI on the node's own containerd, with the images this
// project builds: a busybox container in a pause sandbox on the host
// network, its output in the CRI log format; and, on a pod network in the
// test's own netns, pods with addresses from the node's CIDR reaching each
// other and reached from the node.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { startNodeRuntime } from './node-runtime.js';

describe('CRI on the node containerd', () => {
  it('runs a busybox container in a pause sandbox and keeps its output', async (t) => {
    const node = await startNodeRuntime(t, { podNetwork: false });
    const sandbox = await node.runSandbox('hello', true);
    const id = await node.runBusybox(sandbox, 'app', 'echo hello from busybox; echo oops >&2');
    assert.equal(await node.exitCode(id), 0);
    // One line per write: time, stream, F(ull), text; stdout and stderr are separate pipes, so their order may vary.
    const log = fs.readFileSync(path.join(sandbox.logDirectory, 'app', '0.log'), 'utf8').trim().split('\n');
    assert.deepEqual(log.map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /, '')).sort(), ['stderr F oops', 'stdout F hello from busybox']);
  });

  it('gives pods addresses from the node CIDR on its bridge, reachable from pods and the node', async (t) => {
    const node = await startNodeRuntime(t, { podNetwork: true });
    const server = await node.runSandbox('server', false);
    const status = (await node.cri.runtime.PodSandboxStatus!({ podSandboxId: server.id })) as { status: { network: { ip: string } } };
    const ip = status.status.network.ip;
    assert.match(ip, /^10\.42\.7\.\d+$/);
    await node.runBusybox(server, 'httpd', 'echo pod-to-pod > /tmp/index.html && exec httpd -f -p 8080 -h /tmp');
    const client = await node.runSandbox('client', false);
    const fetcher = await node.runBusybox(client, 'wget', `for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://${ip}:8080/ && exit 0; sleep 0.2; done; exit 1`);
    assert.equal(await node.exitCode(fetcher), 0);
    assert.match(fs.readFileSync(path.join(client.logDirectory, 'wget', '0.log'), 'utf8'), /stdout F pod-to-pod$/m);
    // The node (its netns) reaches the pod directly through the bridge.
    const fromNode = await eventually(
      async () => {
        try {
          return execFileSync('ip', ['netns', 'exec', node.netns!, 'curl', '-s', '--max-time', '2', `http://${ip}:8080/`], { encoding: 'utf8' });
        } catch {
          return undefined;
        }
      },
      10_000,
      'the node to reach the pod',
    );
    assert.equal(fromNode.trim(), 'pod-to-pod');
  });

  it('serves the welcome page from the nginx image and logs the request to stdout', async (t) => {
    const node = await startNodeRuntime(t, { podNetwork: true });
    const web = await node.runSandbox('web', false);
    const ip = ((await node.cri.runtime.PodSandboxStatus!({ podSandboxId: web.id })) as { status: { network: { ip: string } } }).status.network.ip;
    await node.runContainer(web, 'nginx', 'docker.io/library/nginx:latest');
    const page = await eventually(
      async () => {
        try {
          return execFileSync('ip', ['netns', 'exec', node.netns!, 'curl', '-s', '--max-time', '2', `http://${ip}/`], { encoding: 'utf8' });
        } catch {
          return undefined;
        }
      },
      20_000,
      'nginx to answer',
    );
    assert.match(page, /<title>Welcome to nginx!<\/title>/);
    await eventually(
      async () => (/stdout F \S+ - - \[.*\] "GET \/ HTTP\/1\.1" 200 /m.test(fs.readFileSync(path.join(web.logDirectory, 'nginx', '0.log'), 'utf8')) ? true : undefined),
      10_000,
      'the access log line in the container log',
    );
  });
});
