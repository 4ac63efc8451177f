// The seeds' pods on a real node (containerd, runc, the CNI bridge), driven
// with the seeds' own manifests and commands: the pod gets an address from
// the node's CIDR and reaches Running (Pending → ContainerCreating → Running
// on a watch), `kubectl logs` shows what it printed,
// the two-container emptyDir example shares its volume, nginx answers on the
// pod IP, exec runs commands (and a shell on a TTY), and describe shows
// the kubelet's events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { inBackground, kubectlArgv, podField, startNodeCluster } from '../node-cluster.js';

const EXAMPLE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: examplepod
spec:
  containers:
  - name: examplepod-container
    image: busybox
    imagePullPolicy: IfNotPresent
    command: [ 'sh', '-c' ]
    args: [ 'echo "Hello Kubernetes!"; sleep 3600' ]
`;

const VOLUME_POD = `apiVersion: v1
kind: Pod
metadata:
  name: examplepodforvolumemount
spec:
  containers:
  - name: containerforwrite
    image: busybox
    imagePullPolicy: IfNotPresent
    command: [ 'sh', '-c' ]
    args: [ 'echo "test data!" > /write_dir/data; sleep 3600' ]
    volumeMounts:
    - name: filedata
      mountPath: /write_dir
  - name: containerforread
    image: busybox
    imagePullPolicy: IfNotPresent
    command: [ 'sh', '-c' ]
    args: [ 'cat /read_dir/data; sleep 3600' ]
    volumeMounts:
    - name: filedata
      mountPath: /read_dir
  volumes:
  - name: filedata
    emptyDir: { }
`;

describe('seed pods on a real node', () => {
  it('runs the seeds pods with real containers', async (t) => {
    const c = await startNodeCluster(t);
    await eventually(async () => ((await c.kubectl(['get', 'node', c.nodeName])).stdout.includes(' Ready ') ? true : undefined), 30_000, 'the node to be Ready');

    await t.test('the node describes the machine and its images', async () => {
      const wide = await c.ok(['get', 'nodes', '-o', 'wide']);
      assert.match(wide, new RegExp(`^${c.nodeName}\\s+Ready\\s+control-plane,master\\s+\\d+s\\s+v1\\.32\\.0\\+peapod\\s+10\\.99\\.0\\.2\\s+<none>\\s+Debian GNU/Linux \\d+ \\(\\w+\\)\\s+\\S+\\s+containerd://\\S+$`, 'm'));
      // busybox and nginx are imported in the background after the node registers; it reports them once they are in.
      const wanted = ['docker.io/library/nginx:latest', 'docker.io/library/busybox:latest', 'docker.io/peapod/pause:3.10'];
      await eventually(
        async () => {
          const images = await c.ok(['get', 'node', c.nodeName, '-o', 'jsonpath={.status.images[*].names}']);
          return wanted.every((name) => images.includes(name)) ? true : undefined;
        },
        30_000,
        'the node to list its images',
      );
      assert.match(await c.ok(['get', 'node', c.nodeName, '-o', 'jsonpath={.spec.podCIDR} {.status.capacity.pods}']), /^10\.42\.0\.0\/24 110$/);
    });

    await t.test('a busybox pod runs, has a pod IP, and its output is in kubectl logs', async () => {
      assert.equal(await c.ok(['apply', '-f', '-'], { input: EXAMPLE_POD }), 'pod/examplepod created\n');
      await podField(c, 'examplepod', '{.status.phase}', 'Running');
      const wide = await c.ok(['get', 'pod', 'examplepod', '-o', 'wide']);
      assert.match(
        wide,
        new RegExp(`^NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES\\nexamplepod\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+10\\.42\\.0\\.\\d+\\s+${c.nodeName}\\s+<none>\\s+<none>\\n$`),
      );
      const logs = await eventually(async () => (await c.ok(['logs', 'examplepod'])) || undefined, 10_000, 'the log line');
      assert.equal(logs, 'Hello Kubernetes!\n');
      assert.match(await c.ok(['logs', 'examplepod', '--timestamps']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z Hello Kubernetes!\n$/);
      const describe = await c.ok(['describe', 'pods', 'examplepod']);
      for (const line of [
        /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/examplepod to /,
        /Normal\s+Pulled\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Container image "busybox" already present on machine/,
        /Normal\s+Created\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Created container: examplepod-container/,
        /Normal\s+Started\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Started container examplepod-container/,
      ]) {
        assert.match(describe, line);
      }
      assert.match(describe, /^Status:\s+Running$/m);
      assert.match(describe, /^IP:\s+10\.42\.0\.\d+$/m);
      assert.match(describe, /^\s+State:\s+Running\n\s+Started:\s+\w{3}, /m);
    });

    await t.test('two containers share an emptyDir, and logs takes the container name', async () => {
      await c.ok(['apply', '-f', '-'], { input: VOLUME_POD });
      await podField(c, 'examplepodforvolumemount', '{.status.containerStatuses[*].ready}', 'true true');
      assert.match(await c.ok(['get', 'pods', 'examplepodforvolumemount']), /examplepodforvolumemount\s+2\/2\s+Running\s+0\s+/);
      const read = await eventually(async () => (await c.ok(['logs', 'examplepodforvolumemount', 'containerforread'])) || undefined, 10_000, 'the reader to print');
      assert.equal(read, 'test data!\n');
      const r = await c.kubectl(['logs', 'examplepodforvolumemount', '-c', 'nosuch']);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'error: container nosuch is not valid for pod examplepodforvolumemount\n');
    });

    await t.test('kubectl run nginx: the welcome page on the pod IP, the access log in kubectl logs, exec', async (st) => {
      // The seed watches it start: `kubectl get po --watch` shows upstream's sequence of rows.
      const watcher = inBackground(st, c, kubectlArgv(c, ['get', 'po', '--watch', '--output-watch-events=false']));
      await eventually(async () => (watcher.stdout().startsWith('NAME') ? true : undefined), 10_000, 'the watch to start');
      assert.equal(await c.ok(['run', 'mynginx', '--image=nginx']), 'pod/mynginx created\n');
      await podField(c, 'mynginx', '{.status.containerStatuses[0].ready}', 'true');
      await eventually(async () => (/^mynginx\s+1\/1\s+Running\s+0\s+\S+$/m.test(watcher.stdout()) ? true : undefined), 10_000, 'the Running row');
      const rows = watcher.stdout().split('\n').filter((l) => l.startsWith('mynginx ')).map((l) => l.split(/\s+/).slice(1, 3).join(' '));
      assert.deepEqual([...new Set(rows)], ['0/1 Pending', '0/1 ContainerCreating', '1/1 Running']);
      const ip = await c.ok(['get', 'pod', 'mynginx', '-o', 'jsonpath={.status.podIP}']);
      const page = await eventually(
        async () => {
          try {
            return c.inNetns(['curl', '-s', '--max-time', '2', `http://${ip}/`]);
          } catch {
            return undefined;
          }
        },
        10_000,
        'nginx to answer on the pod IP',
      );
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
      await eventually(async () => (/"GET \/ HTTP\/1\.1" 200 /.test(await c.ok(['logs', 'mynginx'])) ? true : undefined), 10_000, 'the access log line');
      assert.match(await c.ok(['exec', 'mynginx', '--', 'cat', '/usr/share/nginx/html/index.html']), /Welcome to nginx!/);
      // A shell fed on stdin, and the pod's own hostname and /etc/hosts entry.
      assert.equal(await c.ok(['exec', '-i', 'mynginx', '--', '/bin/bash'], { input: 'echo "$(hostname) $((6*7))"\ngrep mynginx /etc/hosts\nexit\n' }), `mynginx 42\n${ip}\tmynginx\n`);
      const failed = await c.kubectl(['exec', 'mynginx', '--', 'sh', '-c', 'exit 3']);
      assert.equal(failed.code, 3);
      assert.equal(failed.stderr, 'command terminated with exit code 3\n');
    });

    await t.test('deleting pods stops their containers and removes them', async () => {
      assert.equal(await c.ok(['delete', 'pod', 'mynginx']), 'pod "mynginx" deleted\n');
      assert.equal(await c.ok(['delete', 'pods', 'examplepod', 'examplepodforvolumemount', '--grace-period=1']), 'pod "examplepod" deleted\npod "examplepodforvolumemount" deleted\n');
      assert.equal((await c.kubectl(['get', 'pods'])).stderr, 'No resources found in default namespace.\n');
    });
  });
});
