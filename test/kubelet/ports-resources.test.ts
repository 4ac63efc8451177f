// Ports, resources and files on a real node, with the seeds' manifests where
// they have one: a hostPort answers on the node's address (and a second pod
// asking for it stays Pending with the scheduler's words), env values reach
// the container, a readiness probe on a closed port says so, a container
// over its memory limit is OOMKilled, a failing postStart hook kills the
// container, and kubectl cp copies both ways.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { NODE_IP } from '../netns.js';
import { podField, startNodeCluster } from '../node-cluster.js';

const PORT_POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: containerfornginx
      image: nginx
      imagePullPolicy: IfNotPresent
      ports:
      - name: portfoxnginx
        containerPort: 80
        hostPort: 8081
        protocol: TCP
`;

const ENV_POD = `apiVersion: v1
kind: Pod
metadata:
  name: examplepodforenv
spec:
  containers:
    - name: containerforenv
      image: busybox
      imagePullPolicy: IfNotPresent
      env:
        - name: parameter1
          value: "good morning!"
        - name: parameter2
          value: "good night!"
      command: [ 'sh','-c' ]
      args: [ 'echo "\${parameter1} \${parameter2}"; sleep 3600' ]
`;

describe('ports, resources and files on a real node', () => {
  it('maps host ports, limits memory, reports probes and hooks, and copies files', async (t) => {
    const c = await startNodeCluster(t);

    await t.test('the seeds hostPort pod answers on the node address; a second one cannot be placed', async () => {
      assert.equal(await c.ok(['apply', '-f', '-'], { input: PORT_POD('examplepodforport') }), 'pod/examplepodforport created\n');
      await podField(c, 'examplepodforport', '{.status.containerStatuses[0].ready}', 'true');
      assert.match(await c.ok(['describe', 'pods', 'examplepodforport']), new RegExp(`^Node:\\s+${c.nodeName}/${NODE_IP.replace(/\./g, '\\.')}$`, 'm'));
      const page = await eventually(
        async () => {
          try {
            return c.inNetns(['curl', '-s', '--max-time', '2', `http://${NODE_IP}:8081/`]);
          } catch {
            return undefined;
          }
        },
        10_000,
        'nginx on the host port',
      );
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
      await c.ok(['apply', '-f', '-'], { input: PORT_POD('second') });
      const message = await podField(c, 'second', '{.status.conditions[?(@.type=="PodScheduled")].message}', /free ports/);
      assert.equal(message, "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
      await c.ok(['delete', 'pod', 'second', 'examplepodforport']);
    });

    await t.test('the seeds env pod prints its two values', async () => {
      await c.ok(['apply', '-f', '-'], { input: ENV_POD });
      await podField(c, 'examplepodforenv', '{.status.phase}', 'Running');
      const logs = await eventually(async () => (await c.ok(['logs', 'pod/examplepodforenv'])) || undefined, 10_000, 'the log line');
      assert.equal(logs, 'good morning! good night!\n');
      assert.match(await c.ok(['get', 'pod', 'examplepodforenv', '--template={{.status.podIP}}']), /^10\.42\.0\.\d+$/);
    });

    await t.test('a readiness probe on a closed port: not ready, with the dial error', async () => {
      await c.ok(['run', 'closed', '--image=busybox', '--overrides', JSON.stringify({ spec: { containers: [{ name: 'closed', image: 'busybox', command: ['sleep', '3600'], readinessProbe: { tcpSocket: { port: 81 }, periodSeconds: 1 } }] } })]);
      const ip = await podField(c, 'closed', '{.status.podIP}', /^10\./);
      await eventually(
        async () => (new RegExp(`Readiness probe failed: dial tcp ${ip.replace(/\./g, '\\.')}:81: connect: connection refused`).test(await c.ok(['describe', 'pod', 'closed'])) ? true : undefined),
        20_000,
        'the readiness failure event',
      );
      assert.match(await c.ok(['get', 'pod', 'closed']), /closed\s+0\/1\s+Running\s+0\s+/);
    });

    await t.test('a container over its memory limit is OOMKilled', async () => {
      const overrides = { spec: { restartPolicy: 'Never', containers: [{ name: 'hog', image: 'busybox', command: ['sh', '-c', 'dd if=/dev/zero bs=1M count=64 | sort > /dev/null'], resources: { limits: { memory: '16Mi' } } }] } };
      await c.ok(['run', 'hog', '--image=busybox', '--restart=Never', '--overrides', JSON.stringify(overrides)]);
      const reason = await podField(c, 'hog', '{.status.containerStatuses[0].state.terminated.reason}', /./, 30_000);
      assert.equal(reason, 'OOMKilled');
      assert.match(await c.ok(['get', 'pod', 'hog']), /hog\s+0\/1\s+OOMKilled\s+0\s+/);
    });

    await t.test('a failing postStart hook kills the container', async () => {
      const overrides = {
        spec: { containers: [{ name: 'hooked', image: 'busybox', command: ['sleep', '3600'], lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } } }], terminationGracePeriodSeconds: 1 },
      };
      await c.ok(['run', 'hooked', '--image=busybox', '--overrides', JSON.stringify(overrides)]);
      await eventually(async () => (/Warning\s+FailedPostStartHook\s+.*kubelet\s+PostStartHook failed/.test(await c.ok(['describe', 'pod', 'hooked'])) ? true : undefined), 20_000, 'the hook failure event');
      await podField(c, 'hooked', '{.status.containerStatuses[0].state.waiting.reason}', /^(PostStartHookError|CrashLoopBackOff)$/);
    });

    await t.test('kubectl cp copies into and out of a container', async () => {
      const dir = fs.mkdtempSync(path.join(c.dataDir, 'cp-'));
      fs.writeFileSync(path.join(dir, 'in.txt'), 'copied in\n');
      await c.ok(['cp', path.join(dir, 'in.txt'), 'examplepodforenv:/tmp/in.txt']);
      assert.equal(await c.ok(['exec', 'examplepodforenv', '--', 'cat', '/tmp/in.txt']), 'copied in\n');
      await c.ok(['exec', 'examplepodforenv', '--', 'sh', '-c', 'echo copied out > /tmp/out.txt']);
      await c.ok(['cp', 'examplepodforenv:/tmp/out.txt', path.join(dir, 'out.txt')]);
      assert.equal(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), 'copied out\n');
    });
  });
});
