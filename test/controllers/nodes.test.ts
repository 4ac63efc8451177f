// Node lifecycle through the real kubectl: what a simulated node looks
// like, cordon/uncordon/drain, and a node that stops heart-beating going
// NotReady, getting upstream's taints, and losing the pods that do not
// tolerate it forever (with the grace periods shortened for the test).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { PEAPOD, startCluster, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';
import { podManifest } from '../manifests.js';

const pod = podManifest;

/** Short heart-beats and grace periods, so a silent node is noticed in seconds. */
const FAST_NODE_FLAGS = [
  '--node-lease-duration', '1s',
  '--node-monitor-period', '200ms',
  '--node-monitor-grace-period', '3s',
  '--default-unreachable-toleration-seconds', '2',
];

async function jsonpath(c: TestCluster, args: string[], expr: string, want: (v: string) => boolean, what: string): Promise<string> {
  let last = '';
  return eventually(
    async () => {
      last = await c.ok([...args, '-o', `jsonpath=${expr}`]);
      return want(last) ? last : undefined;
    },
    30_000,
    `${what} (last: "${last}")`,
  );
}

describe('nodes', () => {
  it('registers simulated nodes with upstream labels, conditions and a lease', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    const nodes = await c.ok(['get', 'nodes']);
    assert.match(nodes, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    assert.match(nodes, /^sim-0\s+Ready\s+<none>\s+\d+s\s+v1\.32\.0\+peapod$/m);
    const described = await c.ok(['describe', 'node', 'sim-1']);
    for (const line of [
      /^\s+kubernetes\.io\/hostname=sim-1$/m,
      /^\s+kubernetes\.io\/os=linux$/m,
      /^\s+HolderIdentity:\s+sim-1$/m,
      /^\s+Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status$/m,
      /^\s+MemoryPressure\s+False\s+.*KubeletHasSufficientMemory\s+kubelet has sufficient memory available$/m,
      /^PodCIDR:\s+10\.128\.1\.0\/24$/m,
      /^\s+pods:\s+110$/m,
    ]) {
      assert.match(described, line);
    }
    assert.equal(await c.ok(['get', 'lease', '-n', 'kube-node-lease', 'sim-0', '-o', 'jsonpath={.spec.leaseDurationSeconds} {.metadata.ownerReferences[0].kind}']), '40 Node');
  });

  it('cordons, uncordons and drains through the eviction API', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['create', '-f', '-'], { input: pod('lonely', '  nodeSelector:\n    kubernetes.io/hostname: sim-0\n') });
    await jsonpath(c, ['get', 'pod', 'lonely'], '{.status.phase}', (v) => v === 'Running', 'lonely Running');

    assert.equal((await c.ok(['cordon', 'sim-0'])).trim(), 'node/sim-0 cordoned');
    assert.match(await c.ok(['get', 'nodes']), /^sim-0\s+Ready,SchedulingDisabled\s/m);
    await jsonpath(c, ['get', 'node', 'sim-0'], '{.spec.taints[*].key}', (v) => v === 'node.kubernetes.io/unschedulable', 'the unschedulable taint');
    await c.ok(['create', '-f', '-'], { input: pod('newcomer', '  nodeSelector:\n    kubernetes.io/hostname: sim-0\n') });
    await jsonpath(
      c,
      ['get', 'pod', 'newcomer'],
      '{.status.conditions[0].message}',
      (v) => v.startsWith("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable."),
      'newcomer refused by the cordon',
    );
    assert.equal((await c.ok(['uncordon', 'sim-0'])).trim(), 'node/sim-0 uncordoned');
    await jsonpath(c, ['get', 'pod', 'newcomer'], '{.spec.nodeName}', (v) => v === 'sim-0', 'newcomer placed after uncordon');

    // A pod no controller would bring back: drain refuses without --force, in upstream's (doubled) words.
    const refused = await c.kubectl(['drain', 'sim-0']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/lonely, default\/newcomer/);
    // A server-side dry run asks in the Eviction's own DeleteOptions: nothing may go.
    const dry = await c.ok(['drain', 'sim-0', '--force', '--dry-run=server']);
    assert.match(dry, /^evicting pod default\/lonely \(server dry run\)$/m);
    assert.match(await c.ok(['get', 'pods', '-o', 'name']), /^pod\/lonely$/m);
    const drained = await c.ok(['drain', 'sim-0', '--force']);
    assert.match(drained, /^node\/sim-0 already cordoned$/m);
    assert.match(drained, /^evicting pod default\/lonely$/m);
    assert.match(drained, /^pod\/lonely evicted$/m);
    assert.match(drained, /^node\/sim-0 drained$/m);
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), '');
  });

  it('evicts from a NoExecute taint added with kubectl once the toleration runs out', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    const onSim0 = '  nodeSelector:\n    kubernetes.io/hostname: sim-0\n';
    await c.ok(['create', '-f', '-'], { input: pod('brief', `${onSim0}  tolerations:\n  - key: maintenance\n    operator: Exists\n    effect: NoExecute\n    tolerationSeconds: 2\n`) });
    await c.ok(['create', '-f', '-'], { input: pod('blunt', onSim0) });
    for (const name of ['brief', 'blunt']) await jsonpath(c, ['get', 'pod', name], '{.status.phase}', (v) => v === 'Running', `${name} Running`);
    // kubectl sets no timeAdded: the clock starts when the taint is first seen.
    await c.ok(['taint', 'node', 'sim-0', 'maintenance=now:NoExecute']);
    await eventually(async () => ((await c.kubectl(['get', 'pod', 'blunt'])).code !== 0 ? true : undefined), 20_000, 'blunt evicted at once');
    assert.equal((await c.ok(['get', 'pod', 'brief', '-o', 'name'])).trim(), 'pod/brief', 'brief still tolerates the taint');
    await eventually(async () => ((await c.kubectl(['get', 'pod', 'brief'])).code !== 0 ? true : undefined), 20_000, 'brief evicted after 2 s');
  });

  it('marks a silent node Unknown, taints it and evicts what does not tolerate it', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1', ...FAST_NODE_FLAGS]);
    // A node whose kubelet posts status once and never again.
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await c.ok(['create', '-f', '-'], {
      input: `apiVersion: v1
kind: Node
metadata:
  name: silent
  labels:
    kubernetes.io/hostname: silent
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status, lastHeartbeatTime: "${now}", lastTransitionTime: "${now}"}
`,
    });
    const onSilent = '  nodeSelector:\n    kubernetes.io/hostname: silent\n';
    await c.ok(['create', '-f', '-'], { input: pod('doomed', onSilent) });
    await c.ok(['create', '-f', '-'], {
      input: pod('steadfast', `${onSilent}  tolerations:\n  - key: node.kubernetes.io/unreachable\n    operator: Exists\n    effect: NoExecute\n`),
    });
    for (const name of ['doomed', 'steadfast']) await jsonpath(c, ['get', 'pod', name], '{.spec.nodeName}', (v) => v === 'silent', `${name} bound`);

    await eventually(async () => (/^silent\s+NotReady\s/m.test(await c.ok(['get', 'nodes'])) ? true : undefined), 30_000, 'silent NotReady');
    const described = await c.ok(['describe', 'node', 'silent']);
    assert.match(described, /^\s+Ready\s+Unknown\s+.*NodeStatusUnknown\s+Kubelet stopped posting node status\.$/m);
    assert.match(described, /Normal\s+NodeNotReady\s+\S+\s+node-controller\s+Node silent status is now: NodeNotReady/);
    await jsonpath(
      c,
      ['get', 'node', 'silent'],
      '{range .spec.taints[*]}{.key}:{.effect} {end}',
      (v) => v.includes('node.kubernetes.io/unreachable:NoSchedule') && v.includes('node.kubernetes.io/unreachable:NoExecute'),
      'the unreachable taints',
    );

    // tolerationSeconds 2 (the configured default) after the taint: out, gracefully (no kubelet will finish it).
    await jsonpath(c, ['get', 'pod', 'doomed'], '{.metadata.deletionTimestamp}', (v) => v !== '', 'doomed marked for deletion');
    assert.match(await c.ok(['get', 'pod', 'doomed']), /^doomed\s+0\/1\s+Terminating\s/m);
    assert.equal(
      await c.ok(['get', 'pod', 'doomed', '-o', 'jsonpath={.status.conditions[?(@.type=="DisruptionTarget")].reason}']),
      'DeletionByTaintManager',
    );
    assert.match(await c.ok(['describe', 'pod', 'doomed']), /Normal\s+TaintManagerEviction\s+\S+\s+taint-eviction-controller\s+Marking for deletion Pod default\/doomed/);
    assert.equal(await c.ok(['get', 'pod', 'steadfast', '-o', 'jsonpath={.metadata.deletionTimestamp}']), '');

    // New pods stay away: the NoSchedule taint is not covered by the default NoExecute tolerations.
    await c.ok(['create', '-f', '-'], { input: pod('latecomer', onSilent) });
    await jsonpath(
      c,
      ['get', 'pod', 'latecomer'],
      '{.status.conditions[0].message}',
      (v) =>
        v ===
        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
      'latecomer refused',
    );
    // The healthy simulated node stayed Ready all along.
    assert.match(await c.ok(['get', 'nodes']), /^sim-0\s+Ready\s/m);
  });

  it('adds simulated nodes from another process, and treats its death as a lost machine', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1', ...FAST_NODE_FLAGS]);
    const sim = spawn(process.execPath, [PEAPOD, 'simulate', '--data-dir', c.dataDir, '--nodes', '1', '--prefix', 'ext', '--first-index', '1', '--node-lease-duration', '1s'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    sim.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise((resolve) => sim.once('exit', resolve));
    t.after(async () => {
      if (sim.exitCode === null && sim.signalCode === null) sim.kill('SIGKILL');
      await exited;
    });
    await eventually(async () => (/^ext-1\s+Ready\s/m.test(await c.ok(['get', 'nodes'])) ? true : undefined), 30_000, `ext-1 Ready (simulate log: ${log})`);
    await c.ok(['create', '-f', '-'], { input: pod('remote', '  nodeSelector:\n    kubernetes.io/hostname: ext-1\n') });
    await eventually(async () => (/^remote\s+1\/1\s+Running\s+0\s+\S+\s+10\.128\.1\.\d+\s+ext-1\s/m.test(await c.ok(['get', 'pods', '-o', 'wide'])) ? true : undefined), 30_000, 'remote Running on ext-1');

    const tolerant = `  nodeSelector:\n    kubernetes.io/hostname: ext-1\n  tolerations:\n  - key: node.kubernetes.io/unreachable\n    operator: Exists\n    effect: NoExecute\n`;
    await c.ok(['create', '-f', '-'], { input: pod('patient', tolerant) });
    await jsonpath(c, ['get', 'pod', 'patient'], '{.status.phase}', (v) => v === 'Running', 'patient Running');

    sim.kill('SIGKILL');
    await eventually(async () => (/^ext-1\s+NotReady\s/m.test(await c.ok(['get', 'nodes'])) ? true : undefined), 30_000, 'ext-1 NotReady');
    await jsonpath(c, ['get', 'pod', 'remote'], '{.status.conditions[?(@.type=="Ready")].status}', (v) => v === 'False', 'remote not ready');
    assert.match(await c.ok(['describe', 'pod', 'remote']), /Warning\s+NodeNotReady\s+\S+\s+node-controller\s+Node is not ready/);
    await jsonpath(c, ['get', 'pod', 'remote'], '{.metadata.deletionTimestamp}', (v) => v !== '', 'remote evicted');

    // The machine comes back: the node is Ready again at once, untainted, and the pod that waited is ready again.
    const again = spawn(process.execPath, [PEAPOD, 'simulate', '--data-dir', c.dataDir, '--nodes', '1', '--prefix', 'ext', '--first-index', '1', '--node-lease-duration', '1s'], { stdio: 'ignore' });
    const againExited = new Promise((resolve) => again.once('exit', resolve));
    t.after(async () => {
      if (again.exitCode === null && again.signalCode === null) again.kill('SIGKILL');
      await againExited;
    });
    await eventually(async () => (/^ext-1\s+Ready\s/m.test(await c.ok(['get', 'nodes'])) ? true : undefined), 30_000, 'ext-1 Ready again');
    await jsonpath(c, ['get', 'node', 'ext-1'], '{.spec.taints}', (v) => v === '', 'the unreachable taints lifted');
    await jsonpath(c, ['get', 'pod', 'patient'], '{.status.conditions[?(@.type=="Ready")].status}', (v) => v === 'True', 'patient ready again');
    await eventually(async () => ((await c.kubectl(['get', 'pod', 'remote'])).code !== 0 ? true : undefined), 30_000, 'the evicted pod finished by its node');
  });
});
