// Streams through the API server to a real node, with every protocol the
// kubectl versions on these machines speak: port-forward (WebSocket-tunnelled
// SPDY from kubectl 1.32, plain SPDY from 1.27; to a pod or through a
// service), exec on a TTY, exec whose
// stdin closes (WebSocket v5 translated to SPDY, and plain SPDY), `kubectl
// run -it --rm` (attach), and logs that
// follow until the container ends, with --tail and --since.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KUBECTL } from '../cluster.js';
import { eventually } from '../helpers.js';
import { inBackground, kubectlArgv, onTty, podField, startNodeCluster } from '../node-cluster.js';

const KUBECTL_1_27 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';


describe('pod streams on a real node', () => {
  it('port-forwards, execs on a TTY, attaches and follows logs', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['run', 'web', '--image=nginx']);
    await podField(c, 'web', '{.status.containerStatuses[0].ready}', 'true');

    for (const [binary, port] of [
      [KUBECTL, 18080],
      [KUBECTL_1_27, 18081],
    ] as const) {
      await t.test(`port-forward pod/web ${port}:80 with ${binary.split('/').pop()}`, async (st) => {
        const pf = inBackground(st, c, kubectlArgv(c, ['port-forward', 'pod/web', `${port}:80`], binary));
        await eventually(async () => (pf.output().includes(`Forwarding from 127.0.0.1:${port} -> 80`) ? true : undefined), 15_000, 'port-forward to listen');
        const page = c.inNetns(['curl', '-s', '--max-time', '5', `http://127.0.0.1:${port}/`]);
        assert.match(page, /<title>Welcome to nginx!<\/title>/);
        await eventually(async () => (pf.output().includes(`Handling connection for ${port}`) ? true : undefined), 5_000, 'port-forward to report the connection');
      });
    }

    await t.test('port-forward svc/web picks a pod behind the service and maps the service port to its target port', async (st) => {
      await c.ok(['expose', 'pod', 'web', '--port=8080', '--target-port=80']);
      const pf = inBackground(st, c, kubectlArgv(c, ['port-forward', 'svc/web', '18082:8080']));
      await eventually(async () => (pf.output().includes('Forwarding from 127.0.0.1:18082 -> 80') ? true : undefined), 15_000, 'port-forward to listen');
      const page = c.inNetns(['curl', '-s', '--max-time', '5', 'http://127.0.0.1:18082/']);
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
    });

    await t.test('exec -it gives a shell on a TTY', async () => {
      const screen = await onTty(c, `${KUBECTL} --kubeconfig ${c.kubeconfig} exec -it web -- /bin/bash`, 'echo "tty:$(tty | cut -c1-8) $((40+2))"\nexit\n');
      assert.match(screen, /tty:\/dev\/pts 42/);
    });

    for (const binary of [KUBECTL, KUBECTL_1_27]) {
      await t.test(`stdin that ends ends the command (${binary === KUBECTL ? 'WebSocket v5, kubectl 1.32' : 'SPDY, kubectl 1.27'})`, async () => {
        const r = await c.kubectl(['exec', '-i', 'web', '--', 'cat'], { binary, input: 'line one\nline two\n' });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, 'line one\nline two\n');
        const failed = await c.kubectl(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { binary });
        assert.deepEqual([failed.code, failed.stdout, failed.stderr], [3, 'out\n', 'err\ncommand terminated with exit code 3\n']);
      });
    }

    await t.test('kubectl run -it --rm attaches to a shell and removes the pod after', async () => {
      const screen = await onTty(c, `${KUBECTL} --kubeconfig ${c.kubeconfig} run shell --image=busybox -it --rm --restart=Never -- sh`, 'echo "attached $((6*7))"\nexit\n');
      assert.match(screen, /attached 42/);
      assert.match(screen, /pod "shell" deleted/);
      await eventually(async () => ((await c.kubectl(['get', 'pod', 'shell'])).code !== 0 ? true : undefined), 30_000, 'the pod to be gone');
    });

    await t.test('logs -f follows until the container ends; --tail and --since', async (st) => {
      await c.ok(['run', 'counter', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'for i in 1 2 3 4 5; do echo line $i; sleep 0.5; done']);
      await podField(c, 'counter', '{.status.phase}', /^(Running|Succeeded)$/);
      const follow = inBackground(st, c, kubectlArgv(c, ['logs', '-f', 'counter']));
      assert.equal(await follow.exited, 0);
      assert.equal(follow.output(), 'line 1\nline 2\nline 3\nline 4\nline 5\n');
      assert.equal(await c.ok(['logs', 'counter', '--tail=2']), 'line 4\nline 5\n');
      assert.equal(await c.ok(['logs', 'counter', '--since=1h']), 'line 1\nline 2\nline 3\nline 4\nline 5\n');
      assert.equal(await c.ok(['logs', 'counter', '--limit-bytes=7']), 'line 1\n');
    });
  });
});
