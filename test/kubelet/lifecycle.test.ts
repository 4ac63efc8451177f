// The pod lifecycle on a real node: init containers strictly in order with
// upstream's Init:N/M and PodInitializing, restart policies and the
// CrashLoopBackOff back-off, activeDeadlineSeconds, and bad input — an
// image that does not exist, a missing image with pull policy Never, a
// command that does not exist — with the statuses and events kubectl shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PEAPOD } from '../cluster.js';
import { eventually } from '../helpers.js';
import { podField, startNodeCluster, type NodeCluster } from '../node-cluster.js';

const busyboxPod = (name: string, script: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: main
    image: busybox
    command: ['sh', '-c', ${JSON.stringify(script)}]
`;

/** The STATUS column of `kubectl get pod`, once it reads `want`. */
async function statusColumn(c: NodeCluster, name: string, want: string | RegExp, ms = 30_000): Promise<string> {
  let last = '';
  try {
    return await eventually(
      async () => {
        last = (await c.kubectl(['get', 'pod', name, '--no-headers'])).stdout;
        const status = last.trim().split(/\s+/)[2] ?? '';
        return (typeof want === 'string' ? status === want : want.test(status)) ? last : undefined;
      },
      ms,
      `pod ${name} STATUS ${String(want)}`,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last: ${last}`);
  }
}

describe('pod lifecycle on a real node', () => {
  it('runs init containers in order, restarts by policy, and reports failures as upstream', async (t) => {
    const c = await startNodeCluster(t);
    const gates = fs.mkdtempSync(path.join(c.dataDir, 'gates-'));

    await t.test('init containers run one at a time, each waiting for the one before', async () => {
      // Like the seeds' init demo, where each init container waits for a Service: here each waits for a file the test makes.
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  initContainers:
  - name: init-one
    image: busybox
    command: ['sh', '-c', 'until [ -f /gates/one ]; do echo waiting for one; sleep 0.2; done; echo one >> /work/order']
    volumeMounts: [{ name: gates, mountPath: /gates }, { name: work, mountPath: /work }]
  - name: init-two
    image: busybox
    command: ['sh', '-c', 'until [ -f /gates/two ]; do sleep 0.2; done; echo two >> /work/order']
    volumeMounts: [{ name: gates, mountPath: /gates }, { name: work, mountPath: /work }]
  containers:
  - name: app
    image: busybox
    command: ['sh', '-c', 'echo The app is running! && cat /work/order && sleep 3600']
    volumeMounts: [{ name: work, mountPath: /work }]
  volumes:
  - name: gates
    hostPath: { path: ${gates} }
  - name: work
    emptyDir: {}
`;
      assert.equal(await c.ok(['create', '-f', '-'], { input: manifest }), 'pod/init-demo created\n');
      assert.match(await statusColumn(c, 'init-demo', 'Init:0/2'), /^init-demo\s+0\/1\s+Init:0\/2\s+0\s+/);
      assert.equal(await podField(c, 'init-demo', '{.status.phase}', 'Pending'), 'Pending');
      // (Init:0/2 shows as soon as the node takes the pod on, before init-one has started: its logs may not exist yet.)
      await eventually(async () => ((await c.kubectl(['logs', 'init-demo', '-c', 'init-one'])).stdout.includes('waiting for one') ? true : undefined), 10_000, 'init-one to log');
      const early = await c.kubectl(['logs', 'init-demo']);
      assert.equal(early.stderr, 'Defaulted container "app" out of: app, init-one (init), init-two (init)\nError from server (BadRequest): container "app" in pod "init-demo" is waiting to start: PodInitializing\n');
      fs.writeFileSync(path.join(gates, 'one'), '');
      await statusColumn(c, 'init-demo', 'Init:1/2');
      const conditions = await c.ok(['get', 'pod', 'init-demo', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status} {end}']);
      assert.equal(conditions, 'PodReadyToStartContainers=True Initialized=False Ready=False ContainersReady=False PodScheduled=True ');
      fs.writeFileSync(path.join(gates, 'two'), '');
      assert.match(await statusColumn(c, 'init-demo', 'Running'), /^init-demo\s+1\/1\s+Running\s+0\s+/);
      await eventually(async () => ((await c.ok(['logs', 'init-demo'])) === 'The app is running!\none\ntwo\n' ? true : undefined), 10_000, 'the app log');
      assert.equal(await c.ok(['get', 'pod', 'init-demo', '-o', 'jsonpath={.status.initContainerStatuses[*].state.terminated.reason}']), 'Completed Completed');
    });

    await t.test('a failing init container with restartPolicy Never fails the pod', async () => {
      const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: init-fails
spec:
  restartPolicy: Never
  initContainers:
  - name: init
    image: busybox
    command: ['sh', '-c', 'exit 2']
  containers:
  - name: app
    image: busybox
    command: ['true']
`;
      await c.ok(['create', '-f', '-'], { input: manifest });
      assert.match(await statusColumn(c, 'init-fails', 'Init:Error'), /^init-fails\s+0\/1\s+Init:Error\s+0\s+/);
      assert.equal(await podField(c, 'init-fails', '{.status.phase}', 'Failed'), 'Failed');
    });

    await t.test('restartPolicy: Never and OnFailure end in Error and Completed', async () => {
      await c.ok(['create', '-f', '-'], { input: busyboxPod('fails-once', 'echo bye; exit 1', '  restartPolicy: Never\n') });
      await c.ok(['create', '-f', '-'], { input: busyboxPod('succeeds', 'exit 0', '  restartPolicy: OnFailure\n') });
      assert.match(await statusColumn(c, 'fails-once', 'Error'), /^fails-once\s+0\/1\s+Error\s+0\s+/);
      assert.equal(await podField(c, 'fails-once', '{.status.phase}', 'Failed'), 'Failed');
      assert.equal(await c.ok(['get', 'pod', 'fails-once', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}']), '1');
      assert.equal(await c.ok(['logs', 'fails-once']), 'bye\n');
      // An ended pod gives back its sandbox (and pod IP); its container stays for the logs above.
      await podField(c, 'fails-once', '{.status.conditions[?(@.type=="PodReadyToStartContainers")].status} {.status.conditions[?(@.type=="Ready")].reason}', 'False PodFailed');
      assert.match(await statusColumn(c, 'succeeds', 'Completed'), /^succeeds\s+0\/1\s+Completed\s+0\s+/);
      assert.equal(await podField(c, 'succeeds', '{.status.phase}', 'Succeeded'), 'Succeeded');
    });

    await t.test('a container that keeps failing is restarted with back-off: CrashLoopBackOff', async () => {
      await c.ok(['create', '-f', '-'], { input: busyboxPod('crasher', 'echo attempt; exit 1') });
      const line = await statusColumn(c, 'crasher', 'CrashLoopBackOff');
      assert.match(line, /^crasher\s+0\/1\s+CrashLoopBackOff\s+1 \(\d+s ago\)\s+/);
      const waiting = await c.ok(['get', 'pod', 'crasher', '-o', 'jsonpath={.status.containerStatuses[0].state.waiting.message}']);
      assert.match(waiting, /^back-off 10s restarting failed container=main pod=crasher_default\([0-9a-f-]+\)$/);
      assert.equal(await c.ok(['get', 'pod', 'crasher', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.reason}']), 'Error');
      assert.equal(await c.ok(['logs', 'crasher', '--previous']), 'attempt\n');
      const describe = await c.ok(['describe', 'pod', 'crasher']);
      assert.match(describe, /Warning\s+BackOff\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Back-off restarting failed container main in pod crasher_default\(/);
      assert.match(describe, /State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff\n\s+Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
      // After the 10 s back-off it runs again: a third attempt; of the dead runs only the latest is kept.
      await podField(c, 'crasher', '{.status.containerStatuses[0].restartCount}', '2', 30_000);
      const runs = execFileSync(process.execPath, [PEAPOD, 'ctr', '--data-dir', c.dataDir, 'containers', 'ls', '-q', 'labels."io.kubernetes.pod.name"==crasher,labels."io.kubernetes.container.name"==main'], { encoding: 'utf8' });
      assert.equal(runs.trim().split('\n').length, 2, runs);
    });

    await t.test('a new image for a running container replaces it', async () => {
      await c.ok(['create', '-f', '-'], { input: busyboxPod('reimaged', 'sleep 3600', '  terminationGracePeriodSeconds: 1\n') });
      await podField(c, 'reimaged', '{.status.containerStatuses[0].ready}', 'true');
      assert.equal(await c.ok(['set', 'image', 'pod/reimaged', 'main=docker.io/library/busybox:latest']), 'pod/reimaged image updated\n');
      await podField(c, 'reimaged', '{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready}', '1 true');
      assert.match(await c.ok(['describe', 'pod', 'reimaged']), /Normal\s+Killing\s+.*kubelet\s+Container main definition changed, will be restarted/);
    });

    await t.test('activeDeadlineSeconds fails the pod with DeadlineExceeded', async () => {
      await c.ok(['create', '-f', '-'], { input: busyboxPod('deadline', 'sleep 3600', '  activeDeadlineSeconds: 2\n  terminationGracePeriodSeconds: 1\n') });
      assert.equal(await podField(c, 'deadline', '{.status.phase} {.status.reason}', 'Failed DeadlineExceeded'), 'Failed DeadlineExceeded');
      assert.equal(await c.ok(['get', 'pod', 'deadline', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}']), '137');
      assert.match(await c.ok(['describe', 'pod', 'deadline']), /Warning\s+DeadlineExceeded\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Pod was active on the node longer than the specified deadline/);
    });

    await t.test('an image that cannot be pulled: ErrImagePull, then ImagePullBackOff', async () => {
      assert.equal(await c.ok(['run', 'old-nginx', '--image=nginx:1.21']), 'pod/old-nginx created\n');
      await statusColumn(c, 'old-nginx', /^(ErrImagePull|ImagePullBackOff)$/);
      await statusColumn(c, 'old-nginx', 'ImagePullBackOff');
      const describe = await c.ok(['describe', 'pod', 'old-nginx']);
      assert.match(describe, /Normal\s+Pulling\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Pulling image "nginx:1\.21"/);
      assert.match(describe, /Warning\s+Failed\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Failed to pull image "nginx:1\.21": /);
      assert.match(describe, /Warning\s+Failed\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Error: ErrImagePull/);
      assert.match(describe, /Normal\s+BackOff\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Back-off pulling image "nginx:1\.21"/);
      const r = await c.kubectl(['logs', 'old-nginx']);
      assert.equal(r.stderr, 'Error from server (BadRequest): container "old-nginx" in pod "old-nginx" is waiting to start: trying and failing to pull image\n');
    });

    await t.test('pull policy Never with the image missing: ErrImageNeverPull', async () => {
      await c.ok(['run', 'never', '--image=nginx:1.21', '--image-pull-policy=Never']);
      assert.match(await statusColumn(c, 'never', 'ErrImageNeverPull'), /^never\s+0\/1\s+ErrImageNeverPull\s+0\s+/);
      assert.match(await c.ok(['describe', 'pod', 'never']), /Warning\s+ErrImageNeverPull\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Container image "nginx:1\.21" is not present with pull policy of Never/);
    });

    await t.test('a command that does not exist: the start error, then back-off', async () => {
      await c.ok(['run', 'nocommand', '--image=busybox', '--command', '--', 'no-such-command']);
      await statusColumn(c, 'nocommand', /^(RunContainerError|StartError|CrashLoopBackOff)$/);
      const reason = await podField(c, 'nocommand', '{.status.containerStatuses[0].lastState.terminated.reason}', 'StartError');
      assert.equal(reason, 'StartError');
      assert.equal(await c.ok(['get', 'pod', 'nocommand', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}']), '128');
      assert.match(await c.ok(['describe', 'pod', 'nocommand']), /Warning\s+Failed\s+\S+(?: \(x\d+ over \S+\))?\s+kubelet\s+Error: failed to create containerd task: .*exec: "no-such-command": executable file not found in \$PATH/);
    });
  });
});
