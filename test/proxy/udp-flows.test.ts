// A UDP client that keeps one socket (as resolvers and metrics senders do)
// follows its service to a new endpoint on a real node: the proxy deletes
// the conntrack entry that pinned the flow to an endpoint that has gone,
// so the next datagram is DNATed afresh. Without that, the kernel would
// keep sending the flow to the old address for as long as it keeps going.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { podField, startNodeCluster, type NodeCluster } from '../node-cluster.js';
import { clusterIP } from './requests.js';

const sink = (name: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'udp-sink' } },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'sink', image: 'busybox', command: ['sleep', '3600'] }] },
  });

/** Where the node's conntrack sends the flows to the service: the reply source of each entry, i.e. the endpoint it was DNATed to. */
function flowTargets(c: NodeCluster, ip: string): string[] {
  // (conntrack's count of what it listed goes to stderr: dropped, it would only clutter the test output.)
  const entries = c.inNetns(['sh', '-c', `conntrack -L -p udp --orig-dst ${ip} --orig-port-dst 5000 2>/dev/null`]);
  return [...entries.matchAll(/dport=5000 .*?src=(\S+)/g)].map((m) => m[1]!);
}

describe('service proxy and UDP flows', () => {
  it('moves a long-lived UDP flow to the new endpoint when its endpoint goes', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['apply', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'udp-sink' }, spec: { selector: { app: 'udp-sink' }, ports: [{ port: 5000, protocol: 'UDP' }] } }),
    });
    const ip = await clusterIP(c, 'udp-sink');
    await c.ok(['apply', '-f', '-'], { input: sink('sink-a') });
    const first = await podField(c, 'sink-a', '{.status.podIP}', /^10\.42\./, 60_000);
    await eventually(async () => ((await c.ok(['get', 'endpoints', 'udp-sink'])).includes(`${first}:5000`) ? true : undefined), 30_000, 'sink-a as the endpoint');
    // One socket for the pod's whole life: every datagram belongs to one conntrack flow. (bash's /dev/udp, in the nginx image.)
    await c.ok(['run', 'sender', '--image=nginx', '--', 'bash', '-c', `exec 3>/dev/udp/${ip}/5000; while true; do echo tick >&3 2>/dev/null; sleep 0.2; done`]);
    await eventually(async () => (flowTargets(c, ip).includes(first) ? true : undefined), 60_000, () => `the flow to go to ${first} (it goes to ${flowTargets(c, ip).join(', ')})`);

    await c.ok(['delete', 'pod', 'sink-a', '--grace-period=0', '--force']);
    await c.ok(['apply', '-f', '-'], { input: sink('sink-b') });
    const second = await podField(c, 'sink-b', '{.status.podIP}', /^10\.42\./, 60_000);
    assert.notEqual(second, first);
    await eventually(async () => (flowTargets(c, ip).join() === second ? true : undefined), 30_000, () => `the flow to go to ${second} only (it goes to ${flowTargets(c, ip).join(', ')})`);
  });
});
