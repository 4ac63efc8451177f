// Child of the workloads benchmark: one whole control plane in this
// process (API server, scheduler, controllers, 100 simulated nodes), then,
// printed as JSON:
// - a 1 000-replica Deployment, from its create to all 1 000 pods available;
// - a rolling update of it (new image, 25% surge / 25% unavailable), from
//   the update to the Deployment reporting the rollout complete;
// - the process's CPU while everything stands still for 10 s afterwards,
//   beside the same measure taken before the Deployment existed: the
//   difference is what 1 000 pods and their controllers cost at rest
//   (controllers are level-triggered and do not poll; what both share is
//   the simulated nodes' lease renewals).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureCertificates } from '../src/apiserver/pki.js';
import { Resources } from '../src/apiserver/resources.js';
import { ApiServer } from '../src/apiserver/server.js';
import { startComponents } from '../src/cli/components.js';
import { ApiClient, DEPLOYMENTS } from '../src/client/client.js';
import { InProcessTransport } from '../src/client/transport.js';
import type { Deployment } from '../src/controllers/deployment/rollout-math.js';
import { DEFAULT_SIMULATED_CAPACITY } from '../src/kubelet/simulated.js';
import { openStore } from '../src/storage/index.js';

const NODES = Number(process.env.BENCH_NODES ?? 100);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1000);
const IDLE_MS = 10_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-bench-workloads-'));
const store = openStore(`sqlite://${path.join(dir, 'state.db')}`);
const api = new ApiServer({ resources: new Resources(store), certs: await ensureCertificates(path.join(dir, 'tls')), port: 0, host: '127.0.0.1' });
await api.start();
const components = await startComponents(api.handlers, {
  simulatedNodes: NODES,
  simulatedCapacity: DEFAULT_SIMULATED_CAPACITY,
  leaseDurationS: 40,
  nodeLifecycle: { monitorPeriodMs: 5000, gracePeriodMs: 50_000, startupGracePeriodMs: 60_000 },
  log: (m) => process.stderr.write(`${m}\n`),
});
const deployments = new ApiClient(new InProcessTransport(api.handlers, 'bench')).resource<Deployment>(DEPLOYMENTS);
const informer = components.informers.for<Deployment>(DEPLOYMENTS);

/** The process's CPU, in % of one core, over `ms` of doing nothing. */
async function idleCpuPercent(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const cpu = process.cpuUsage(before);
  return ((cpu.user + cpu.system) / 1000 / (performance.now() - start)) * 100;
}

/** Resolves once the cached Deployment satisfies `done`, looking again at each of its updates. */
function until(done: (d: Deployment) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const d = informer.get('default/bench');
      if (d && done(d)) resolve();
      else setTimeout(check, 5);
    };
    check();
  });
}

/** The rollout of generation `generation` (or later) is complete. */
const rolledOut = (generation: number) => (d: Deployment) =>
  (d.status?.observedGeneration ?? 0) >= generation &&
  d.status?.updatedReplicas === REPLICAS &&
  d.status?.availableReplicas === REPLICAS &&
  d.status?.replicas === REPLICAS;

await new Promise((resolve) => setTimeout(resolve, 2000));
const baselineCpuPercent = await idleCpuPercent(IDLE_MS);

let started = performance.now();
const created = await deployments.create('default', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'bench', namespace: 'default' },
  spec: {
    replicas: REPLICAS,
    selector: { matchLabels: { app: 'bench' } },
    template: { metadata: { labels: { app: 'bench' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
  },
});
await until(rolledOut(created.metadata.generation!));
const availableSeconds = (performance.now() - started) / 1000;

started = performance.now();
const updated = await deployments.patch('default', 'bench', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } } } }, 'application/strategic-merge-patch+json');
await until((d) => rolledOut(updated.metadata.generation!)(d) && d.status?.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable') === true);
const rolloutSeconds = (performance.now() - started) / 1000;

// Let the last status writes and event writes settle, then measure a quiet cluster.
await new Promise((resolve) => setTimeout(resolve, 2000));
const workloadCpuPercent = await idleCpuPercent(IDLE_MS);

process.stdout.write(JSON.stringify({ availableSeconds, rolloutSeconds, baselineCpuPercent, workloadCpuPercent }) + '\n');
await components.stop();
await api.stop();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
