// Child of the node benchmark, run inside the node's network namespace:
// waits for the node to be Ready, then measures pod startup as upstream's
// SLI does (create → every container started, seen through a watch) for
// single pods one after another and for 30 pods created at once; prints
// the latencies as JSON, keeps the 30 pods running until told (so the
// parent can measure memory), then deletes them.
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { ApiClient, NODES, PODS } from '../src/client/client.js';
import { credentialsFrom, HttpTransport } from '../src/client/http-transport.js';
import type { Node, Pod } from '../src/apiserver/registry/core/types.js';

const SINGLE_RUNS = 7;
const BURST = 30;

const transport = new HttpTransport(credentialsFrom(process.argv[2]!), 'peapod-bench');
const client = new ApiClient(transport);
const pods = client.resource<Pod>(PODS);
const nodes = client.resource<Node>(NODES);

const pod = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { bench: 'node' } },
  spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'main', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }] } as Pod['spec'],
});

const allStarted = (p: Pod) => {
  const statuses = (p.status?.containerStatuses as { state?: { running?: unknown } }[] | undefined) ?? [];
  return statuses.length === p.spec.containers.length && statuses.every((s) => s.state?.running);
};

/** Creates the pods and resolves with each one's create → all containers running, in ms, from a watch. */
async function startPods(names: string[]): Promise<number[]> {
  const { metadata } = await pods.list('default', { limit: 1 });
  const watch = pods.watch('default', { resourceVersion: metadata.resourceVersion, labelSelector: 'bench=node' });
  const began = new Map<string, number>();
  const took = new Map<string, number>();
  const done = (async () => {
    for await (const event of watch) {
      const p = event.object as Pod;
      const start = began.get(p.metadata.name!);
      if (start !== undefined && !took.has(p.metadata.name!) && allStarted(p)) took.set(p.metadata.name!, performance.now() - start);
      if (took.size === names.length) break;
    }
  })();
  await Promise.all(
    names.map(async (name) => {
      began.set(name, performance.now());
      await pods.create('default', pod(name));
    }),
  );
  await done;
  watch.close();
  return names.map((n) => took.get(n)!);
}

async function deleteAll(): Promise<void> {
  const list = await pods.list('default', { labelSelector: 'bench=node' });
  await Promise.all(list.items.map((p) => pods.delete('default', p.metadata.name!, { gracePeriodSeconds: 0 })));
}

// Steady state: the node Ready and its start-up image imports done (they take the CPU for seconds).
for (;;) {
  const node = await nodes.find(undefined, 'bench');
  const ready = node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  const images = JSON.stringify(node?.status?.['images'] ?? []);
  if (ready && images.includes('library/nginx') && images.includes('library/busybox')) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const singleMs: number[] = [];
for (let i = 0; i < SINGLE_RUNS; i++) {
  singleMs.push(...(await startPods([`single-${i}`])));
  await deleteAll();
}
const burstMs = await startPods(Array.from({ length: BURST }, (_, i) => `burst-${i}`));
process.stdout.write(JSON.stringify({ singleMs, burstMs }) + '\n');
await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()));
await deleteAll();
transport.close();
