// Probes, hooks and what the kubelet puts into containers, on a real node:
// a failing liveness probe restarts the container (Unhealthy, Killing), a
// failing readiness probe leaves it running but not ready until it passes
// (the seeds' readiness demo), postStart runs before the container counts
// as started, preStop runs on deletion, and env (values, the pod's own
// fields, ConfigMap and Secret keys), ConfigMap volumes and the
// termination message reach the container.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { podField, startNodeCluster } from '../node-cluster.js';

describe('probes and hooks on a real node', () => {
  it('restarts on liveness failure, gates readiness, runs hooks, and fills env and volumes', async (t) => {
    const c = await startNodeCluster(t);

    await t.test('a failing liveness probe restarts the container', async () => {
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox
    args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 2; rm -f /tmp/healthy; sleep 600']
    livenessProbe:
      exec:
        command: ['cat', '/tmp/healthy']
      periodSeconds: 1
      failureThreshold: 1
    terminationGracePeriodSeconds: 1
`.replace('    terminationGracePeriodSeconds: 1\n', '  terminationGracePeriodSeconds: 1\n');
      await c.ok(['create', '-f', '-'], { input: manifest });
      await podField(c, 'liveness-exec', '{.status.containerStatuses[0].restartCount}', /^[1-9]/, 30_000);
      const describe = await c.ok(['describe', 'pod', 'liveness-exec']);
      assert.match(describe, /Warning\s+Unhealthy\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
      assert.match(describe, /Normal\s+Killing\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Container liveness failed liveness probe, will be restarted/);
      assert.match(describe, /Liveness:\s+exec \[cat \/tmp\/healthy\] delay=0s timeout=1s period=1s #success=1 #failure=1/);
    });

    await t.test('readiness: running but not ready while the page is missing, ready once it exists', async () => {
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: readiness-demo
spec:
  containers:
  - name: readiness
    image: nginx
    readinessProbe:
      httpGet:
        port: 80
        path: /index1.html
      initialDelaySeconds: 1
      periodSeconds: 1
`;
      await c.ok(['create', '-f', '-'], { input: manifest });
      await eventually(async () => (/Readiness probe failed: HTTP probe failed with statuscode: 404/.test(await c.ok(['describe', 'pod', 'readiness-demo'])) ? true : undefined), 20_000, 'the readiness failure event');
      assert.match(await c.ok(['get', 'pod', 'readiness-demo']), /readiness-demo\s+0\/1\s+Running\s+0\s+/);
      assert.equal(await c.ok(['get', 'pod', 'readiness-demo', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']), 'False');
      await c.ok(['exec', 'readiness-demo', '--', 'sh', '-c', 'echo ok > /usr/share/nginx/html/index1.html']);
      await podField(c, 'readiness-demo', '{.status.containerStatuses[0].ready}', 'true', 20_000);
      assert.match(await c.ok(['get', 'pod', 'readiness-demo']), /readiness-demo\s+1\/1\s+Running\s+0\s+/);
    });

    await t.test('postStart runs when the container starts; preStop runs when the pod is deleted', async () => {
      const marks = fs.mkdtempSync(path.join(c.dataDir, 'marks-'));
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh", "-c", "echo bye > /marks/prestop; nginx -s quit; while killall -0 nginx; do sleep 1; done"]
    volumeMounts: [{ name: marks, mountPath: /marks }]
  volumes:
  - name: marks
    hostPath: { path: ${marks} }
`;
      await c.ok(['create', '-f', '-'], { input: manifest });
      await podField(c, 'lifecycle-demo', '{.status.containerStatuses[0].ready}', 'true');
      assert.equal(await c.ok(['exec', 'lifecycle-demo', '--', 'cat', '/usr/share/message']), 'Hello from the postStart handler\n');
      await c.ok(['delete', 'pod', 'lifecycle-demo']);
      assert.equal(fs.readFileSync(path.join(marks, 'prestop'), 'utf8'), 'bye\n');
    });

    await t.test('env from values, the pod, a ConfigMap and a Secret; a ConfigMap volume; the termination message', async () => {
      await c.ok(['create', 'configmap', 'settings', '--from-literal=color=blue', '--from-literal=size=large']);
      await c.ok(['create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret']);
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: env-demo
  labels: { tier: front }
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    command: ['sh', '-c', 'echo "$GREETING $POD_NAME $POD_NAMESPACE $POD_IP $NODE $COLOR $PASSWORD $CPU_LIMIT $(cat /config/size)"; echo done-here > /dev/termination-log']
    env:
    - { name: NAME, value: world }
    - { name: GREETING, value: "hello $(NAME)" }
    - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
    - { name: POD_NAMESPACE, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }
    - { name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }
    - { name: NODE, valueFrom: { fieldRef: { fieldPath: spec.nodeName } } }
    - { name: COLOR, valueFrom: { configMapKeyRef: { name: settings, key: color } } }
    - { name: PASSWORD, valueFrom: { secretKeyRef: { name: creds, key: password } } }
    - { name: CPU_LIMIT, valueFrom: { resourceFieldRef: { resource: limits.cpu, divisor: 1m } } }
    resources:
      limits: { cpu: 250m, memory: 64Mi }
    volumeMounts: [{ name: config, mountPath: /config }]
  volumes:
  - name: config
    configMap: { name: settings }
`;
      await c.ok(['create', '-f', '-'], { input: manifest });
      await podField(c, 'env-demo', '{.status.phase}', 'Succeeded');
      const ip = await c.ok(['get', 'pod', 'env-demo', '-o', 'jsonpath={.status.podIP}']);
      assert.equal(await c.ok(['logs', 'env-demo']), `hello world env-demo default ${ip} ${c.nodeName} blue s3cret 250 large\n`);
      assert.equal(await c.ok(['get', 'pod', 'env-demo', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.message}']), 'done-here\n');
      assert.equal(await c.ok(['get', 'pod', 'env-demo', '-o', 'jsonpath={.status.qosClass}']), 'Guaranteed');
    });

    await t.test('a missing ConfigMap volume is reported as FailedMount and the pod waits', async () => {
      await c.ok(['run', 'needs-config', '--image=busybox', '--overrides', JSON.stringify({ spec: { volumes: [{ name: 'c', configMap: { name: 'absent' } }] } }), '--', 'sleep', '3600']);
      await eventually(
        async () => (/Warning\s+FailedMount\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+MountVolume\.SetUp failed for volume "c" : configmap "absent" not found/.test(await c.ok(['describe', 'pod', 'needs-config'])) ? true : undefined),
        20_000,
        'the FailedMount event',
      );
      assert.match(await c.ok(['get', 'pod', 'needs-config']), /needs-config\s+0\/1\s+ContainerCreating\s+0\s+/);
      await c.ok(['create', 'configmap', 'absent', '--from-literal=k=v']);
      await podField(c, 'needs-config', '{.status.phase}', 'Running', 30_000);
    });
  });
});
