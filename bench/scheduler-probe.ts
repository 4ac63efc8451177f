// Child of the scheduler benchmark: one whole control plane in this process
// (the API server with its real handlers, 1 000 simulated nodes, the
// scheduler held back), then three measurements, printed as JSON:
// - throughput: 10 000 pods created while the scheduler is off, then the
//   scheduler started and timed until every pod is bound;
// - latency: pods created one at a time at a steady pace with the
//   scheduler running, each timed from its create's answer to the informer
//   seeing it Running on its simulated node;
// - memory: pods added up to 30 000 all Running, then this process's RSS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureCertificates } from '../src/apiserver/pki.js';
import { Resources } from '../src/apiserver/resources.js';
import { ApiServer } from '../src/apiserver/server.js';
import { startComponents } from '../src/cli/components.js';
import { ApiClient, CONFIGMAPS, PODS } from '../src/client/client.js';
import { keyOf } from '../src/client/informer.js';
import { InProcessTransport } from '../src/client/transport.js';
import { DEFAULT_SIMULATED_CAPACITY } from '../src/kubelet/simulated.js';
import type { Pod } from '../src/apiserver/registry/core/types.js';
import { openStore } from '../src/storage/index.js';

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const PENDING = Number(process.env.BENCH_PENDING ?? 10_000);
const PACED = 500;
const PACE_PER_SEC = 100;
const TOTAL = Number(process.env.BENCH_TOTAL ?? 30_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-bench-sched-'));
const store = openStore(`sqlite://${path.join(dir, 'state.db')}`);
const api = new ApiServer({ resources: new Resources(store), certs: await ensureCertificates(path.join(dir, 'tls')), port: 0, host: '127.0.0.1' });
await api.start();
const components = await startComponents(api.handlers, {
  disableScheduler: true,
  simulatedNodes: NODES,
  simulatedCapacity: DEFAULT_SIMULATED_CAPACITY,
  leaseDurationS: 40,
  nodeLifecycle: { monitorPeriodMs: 5000, gracePeriodMs: 50_000, startupGracePeriodMs: 60_000 },
  log: (m) => process.stderr.write(`${m}\n`),
});
const pods = new ApiClient(new InProcessTransport(api.handlers, 'bench')).resource<Pod>(PODS);
const informer = components.informers.for<Pod>(PODS);

/** Pods the informer has seen bound and Running, counted as events arrive (not by scanning 30 000 pods). */
const bound = new Set<string>();
const running = new Set<string>();
const watchers: (() => void)[] = [];
informer.on({
  add: (pod) => track(pod),
  update: (_, pod) => track(pod),
});
function track(pod: Pod): void {
  if (pod.spec.nodeName) bound.add(keyOf(pod));
  if (pod.status?.phase === 'Running') running.add(keyOf(pod));
  // After every handler has seen the event (the latency one is added later).
  queueMicrotask(() => {
    for (const w of watchers.splice(0)) w();
  });
}

/** Resolves once `done` holds, looking again after each pod event. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : watchers.push(check));
    check();
  });
}

// The pods' owner: a real object (the garbage collector removes pods whose owner does not exist) that no controller acts on.
const owner = await new ApiClient(new InProcessTransport(api.handlers, 'bench')).resource(CONFIGMAPS).create('default', { metadata: { name: 'bench' } });

/** A pod of one owner asking for a little CPU and memory, as a client sends it. */
function benchPod(name: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'bench' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'bench', uid: owner.metadata.uid!, controller: true }],
    },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  } as Pod;
}

/** Creates pods PREFIX-0 ... PREFIX-(n-1), 50 at a time. */
async function createPods(prefix: string, n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < n) {
        await pods.create('default', benchPod(`${prefix}-${next++}`));
      }
    }),
  );
}

await createPods('pending', PENDING);
await until(() => informer.size >= PENDING);
const started = performance.now();
components.startScheduler();
await until(() => bound.size >= PENDING);
const scheduleSeconds = (performance.now() - started) / 1000;
await until(() => running.size >= PENDING);

// Latency at a steady pace: ack of the create to the informer seeing Running.
const created = new Map<string, number>();
const latencies: number[] = [];
informer.on({
  update: (_, pod) => {
    const at = created.get(keyOf(pod));
    if (at !== undefined && pod.status?.phase === 'Running') {
      latencies.push(performance.now() - at);
      created.delete(keyOf(pod));
    }
  },
});
for (let i = 0; i < PACED; i++) {
  const due = performance.now() + 1000 / PACE_PER_SEC;
  await pods.create('default', benchPod(`paced-${i}`));
  created.set(`default/paced-${i}`, performance.now());
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
await until(() => latencies.length >= PACED);

await createPods('more', TOTAL - PENDING - PACED);
await until(() => running.size >= TOTAL);
global.gc?.();
const rssMiB = process.memoryUsage().rss / 2 ** 20;

process.stdout.write(JSON.stringify({ scheduledPerSec: PENDING / scheduleSeconds, latencies, rssMiB }) + '\n');
await components.stop();
await api.stop();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
