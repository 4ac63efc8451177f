// The rest of what a pod can ask of its node, on a real node: memory-backed
// emptyDir (tmpfs), hostPath types, downwardAPI and projected volumes, cpu
// requests and limits as cgroup settings, a startup probe holding back
// liveness and readiness, a tcpSocket liveness probe, an httpGet preStop
// hook, `kubectl logs --all-containers`, `exec -c` and `kubectl attach`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { inBackground, kubectlArgv, podField, startNodeCluster } from '../node-cluster.js';

describe('volumes, resources, probes and streams, more of them', () => {
  it('mounts every volume kind, sets cgroups, holds probes for startup, and streams', async (t) => {
    const c = await startNodeCluster(t);
    const hostDir = fs.mkdtempSync(path.join(c.dataDir, 'host-'));

    await t.test('tmpfs emptyDir, hostPath types, downwardAPI and projected volumes, cpu cgroups', async () => {
      await c.ok(['create', 'configmap', 'cfg', '--from-literal=greeting=hi']);
      await c.ok(['create', 'secret', 'generic', 'sec', '--from-literal=token=t0k3n']);
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: volumes
  labels: { app: volumes, tier: back }
spec:
  containers:
  - name: main
    image: busybox
    command: ['sh', '-c', 'sleep 3600']
    resources:
      requests: { cpu: 100m }
      limits: { cpu: 250m, memory: 32Mi }
    volumeMounts:
    - { name: scratch, mountPath: /scratch }
    - { name: created, mountPath: /created }
    - { name: labels, mountPath: /etc/podinfo }
    - { name: bundle, mountPath: /bundle }
  - name: side
    image: busybox
    command: ['sh', '-c', 'echo side says hello; sleep 3600']
  volumes:
  - name: scratch
    emptyDir: { medium: Memory }
  - name: created
    hostPath: { path: ${hostDir}/made-for-me, type: DirectoryOrCreate }
  - name: labels
    downwardAPI:
      items:
      - { path: labels, fieldRef: { fieldPath: metadata.labels } }
      - { path: name, fieldRef: { fieldPath: metadata.name } }
  - name: bundle
    projected:
      sources:
      - configMap: { name: cfg }
      - secret: { name: sec, items: [{ key: token, path: secret/token }] }
`;
      await c.ok(['create', '-f', '-'], { input: manifest });
      await podField(c, 'volumes', '{.status.containerStatuses[*].ready}', 'true true');
      const exec = (script: string) => c.ok(['exec', 'volumes', '-c', 'main', '--', 'sh', '-c', script]);
      assert.match(await exec('grep " /scratch " /proc/mounts'), /^tmpfs \/scratch tmpfs /);
      assert.ok(fs.statSync(path.join(hostDir, 'made-for-me')).isDirectory(), 'DirectoryOrCreate made the directory');
      await exec('echo from-pod > /created/file');
      assert.equal(fs.readFileSync(path.join(hostDir, 'made-for-me', 'file'), 'utf8'), 'from-pod\n');
      assert.equal(await exec('cat /etc/podinfo/labels; echo; cat /etc/podinfo/name'), 'app="volumes"\ntier="back"\nvolumes');
      assert.equal(await exec('cat /bundle/greeting /bundle/secret/token'), 'hit0k3n');
      // cgroup v1 as the container sees its own: quota from the cpu limit, shares from the request, the memory limit.
      assert.equal(await exec('cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/memory/memory.limit_in_bytes'), '25000\n102\n33554432\n');
      assert.equal(await c.ok(['logs', 'volumes', '--all-containers']), 'side says hello\n');
      assert.equal(await c.ok(['exec', 'volumes', '-c', 'side', '--', 'hostname']), 'volumes\n');
    });

    await t.test('a hostPath of the wrong type fails to mount', async () => {
      const overrides = { spec: { volumes: [{ name: 'f', hostPath: { path: path.join(hostDir, 'absent'), type: 'File' } }], containers: [{ name: 'x', image: 'busybox', command: ['true'], volumeMounts: [{ name: 'f', mountPath: '/f' }] }] } };
      await c.ok(['run', 'wrong-type', '--image=busybox', '--overrides', JSON.stringify(overrides)]);
      await eventually(
        async () => (/FailedMount\s+.*MountVolume\.SetUp failed for volume "f" : hostPath type check failed: \S+\/absent is not a file/.test(await c.ok(['describe', 'pod', 'wrong-type'])) ? true : undefined),
        20_000,
        'the hostPath type error',
      );
    });

    await t.test('a startup probe holds back readiness until it passes; a tcpSocket liveness probe restarts', async () => {
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: slow-start
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: busybox
    command: ['sh', '-c', 'sleep 2; touch /tmp/started; httpd -f -p 8080 -h /tmp & sleep 3600']
    startupProbe:
      exec: { command: ['cat', '/tmp/started'] }
      periodSeconds: 1
      failureThreshold: 30
    livenessProbe:
      tcpSocket: { port: 8080 }
      periodSeconds: 1
      failureThreshold: 2
`;
      await c.ok(['create', '-f', '-'], { input: manifest });
      await podField(c, 'slow-start', '{.status.containerStatuses[0].state.running.startedAt}', /./);
      assert.equal(await c.ok(['get', 'pod', 'slow-start', '-o', 'jsonpath={.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}']), 'false false');
      await podField(c, 'slow-start', '{.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}', 'true true', 20_000);
      // The port closes (httpd is not the container's init, so it can be killed from inside): liveness restarts it.
      await c.ok(['exec', 'slow-start', '--', 'sh', '-c', 'kill $(pidof httpd)']);
      await podField(c, 'slow-start', '{.status.containerStatuses[0].restartCount}', /^[1-9]/, 30_000);
    });

    await t.test('an httpGet preStop hook is called on deletion', async () => {
      // The hook calls a server in the node's netns on the node's address (the pod reaches it through its gateway).
      const hookServer = inBackground(t, c, [process.execPath, '-e', "require('http').createServer((q, s) => { console.log(q.url); s.end('ok'); }).listen(18090, '10.99.0.2')"]);
      await eventually(
        async () => {
          try {
            return c.inNetns(['curl', '-s', '--max-time', '1', 'http://10.99.0.2:18090/ping']) === 'ok' ? true : undefined;
          } catch {
            return undefined;
          }
        },
        10_000,
        'the hook server',
      );
      const overrides = {
        spec: {
          terminationGracePeriodSeconds: 5,
          containers: [{ name: 'x', image: 'busybox', command: ['sleep', '3600'], lifecycle: { preStop: { httpGet: { host: '10.99.0.2', port: 18090, path: '/bye' } } } }],
        },
      };
      await c.ok(['run', 'goodbye', '--image=busybox', '--overrides', JSON.stringify(overrides)]);
      await podField(c, 'goodbye', '{.status.containerStatuses[0].ready}', 'true');
      await c.ok(['delete', 'pod', 'goodbye']);
      assert.match(hookServer.stdout(), /^\/bye$/m);
    });

    await t.test('kubectl attach streams what a running container prints', async () => {
      await c.ok(['run', 'ticker', '--image=busybox', '--', 'sh', '-c', 'while true; do echo tick; sleep 0.2; done']);
      await podField(c, 'ticker', '{.status.containerStatuses[0].ready}', 'true');
      const attach = inBackground(t, c, kubectlArgv(c, ['attach', 'ticker']));
      await eventually(async () => ((attach.stdout().match(/tick/g) ?? []).length >= 3 ? true : undefined), 15_000, 'ticks through attach');
    });
  });
});
