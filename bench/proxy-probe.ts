// Child of the proxy benchmark, run inside a fresh network namespace.
// `sync`: the proxier's sync (rules.ts from 1 000 services with 1–3
// endpoints each, applied by iptables.ts) timed whole on empty tables, then
// again with one endpoint changed; prints {fullMs, partialMs} and removes
// the rules. `latency KUBECONFIG`: against a running server with its node
// agent, 1 000 selector-less services with hand-written EndpointSlices in
// the background, then one slice rewritten again and again, each time timed
// from the write until the new endpoint is in the netns's nat table; prints
// {latencies}.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { EndpointSlice } from '../src/apiserver/registry/discovery/endpointslices.js';
import { ApiClient, ENDPOINTSLICES, SERVICES } from '../src/client/client.js';
import { credentialsFrom, HttpTransport } from '../src/client/http-transport.js';
import { IptablesTables } from '../src/proxy/iptables.js';
import { proxyRules, serviceChain, type Service } from '../src/proxy/rules.js';

const SERVICE_COUNT = 1000;
const CHANGES = 60;
const CLUSTER_CIDR = '10.42.0.0/16';

const service = (i: number): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: 'default', name: `bench-${i}` },
  spec: { type: 'ClusterIP', clusterIP: `10.43.${100 + (i >> 8)}.${i & 255}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
});

const slice = (name: string, service: string, ips: string[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { namespace: 'default', name, labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
});

/** 1–3 endpoints per service, addresses unique across services. */
const endpointsOf = (i: number) => Array.from({ length: 1 + (i % 3) }, (_, k) => `10.42.${(i * 3 + k) >> 8}.${((i * 3 + k) & 255) || 1}`);

async function syncTimes(): Promise<{ fullMs: number; partialMs: number }> {
  const services = Array.from({ length: SERVICE_COUNT }, (_, i) => service(i));
  const slices = new Map(services.map((s, i) => [s.metadata.name!, [slice(`${s.metadata.name}-1`, s.metadata.name!, endpointsOf(i))]]));
  const tables = new IptablesTables((m) => process.stderr.write(`${m}\n`));
  const sync = async () => {
    const started = performance.now();
    await tables.apply(proxyRules(services, (svc) => slices.get(svc.metadata.name!)!, { clusterCIDR: CLUSTER_CIDR, nodeName: 'bench' }));
    return performance.now() - started;
  };
  try {
    const fullMs = await sync();
    slices.set('bench-7', [slice('bench-7-1', 'bench-7', ['10.42.250.7'])]);
    const partialMs = await sync();
    return { fullMs, partialMs };
  } finally {
    await tables.cleanup();
  }
}

function natChain(chain: string): Promise<string> {
  return new Promise((resolve) => execFile('iptables-nft', ['-w', '-t', 'nat', '-S', chain], { encoding: 'utf8' }, (err, stdout) => resolve(err ? '' : stdout)));
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

async function programmingLatencies(kubeconfig: string): Promise<number[]> {
  const client = new ApiClient(new HttpTransport(credentialsFrom(kubeconfig), 'peapod-bench'));
  const services = client.resource<Service>(SERVICES);
  const slices = client.resource<EndpointSlice>(ENDPOINTSLICES);
  for (let i = 0; i < SERVICE_COUNT; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, SERVICE_COUNT - i) }, async (_, k) => {
        const svc = await services.create('default', { ...service(i + k), spec: { ...service(i + k).spec, clusterIP: undefined } });
        await slices.create('default', slice(`${svc.metadata.name}-1`, svc.metadata.name!, endpointsOf(i + k)));
      }),
    );
  }
  const watched = 'bench-0';
  const chain = serviceChain(`default/${watched}:http`, 'tcp');
  // The node's proxy starts after its containerd: wait for it to have programmed the services at all.
  await until(async () => (await natChain(chain)).includes('-> '), 120_000, 'the first rules');
  const latencies: number[] = [];
  let current = await slices.get('default', `${watched}-1`);
  for (let i = 0; i < CHANGES; i++) {
    const ip = `10.42.251.${i + 1}`;
    const started = performance.now();
    current = await slices.update('default', { ...current, endpoints: [{ addresses: [ip], conditions: { ready: true } }] });
    await until(async () => (await natChain(chain)).includes(`-> ${ip}:8080`), 10_000, `${ip} in ${chain}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const [mode, kubeconfig] = process.argv.slice(2);
const result = mode === 'sync' ? await syncTimes() : { latencies: await programmingLatencies(kubeconfig!) };
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0);
