// Cluster DNS figures (issue 8): queries/s and latency with 50 queries in
// flight, (1) from inside a pod on a real node, to 10.43.0.10 — through the
// service proxy's DNAT to the server's listener, answering from informer
// caches with 200 services — and (2) of the DNS server alone on loopback,
// from a view of 1 000 services, which shows what the server itself costs.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterView } from '../src/dns/records.js';
import { DnsServer } from '../src/dns/server.js';
import { queryLoad, type LoadResult } from './dns-load.js';
import { startBenchNode, type BenchNode } from './real-node.js';
import { percentile, type Row } from './table.js';

const SERVICES = 1000;
const QUERIES = 20_000;
const IN_FLIGHT = 50;
const POD_SERVICES = 200;
const LOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dns-load.js');

const view: ClusterView = {
  service: (ns, name) => {
    const i = Number(name.replace('svc-', ''));
    return ns === 'default' && i < SERVICES ? { clusterIP: `10.43.${i >> 8}.${i & 255}`, type: 'ClusterIP', ports: [{ name: 'http', port: 80 }] } : undefined;
  },
  endpoints: () => [],
  namespaceExists: (ns) => ns === 'default',
};

async function loopbackRun(): Promise<LoadResult> {
  const server = new DnsServer(view, { host: '127.0.0.1', port: 0, domain: 'cluster.local', upstreams: [] });
  const port = await server.start();
  const names = Array.from({ length: SERVICES }, (_, i) => `svc-${i}.default.svc.cluster.local`);
  try {
    return await queryLoad('127.0.0.1', port, names, QUERIES, IN_FLIGHT);
  } finally {
    await server.stop();
  }
}

function kubectl(node: BenchNode, args: string[], input?: string): string {
  const [program, ...rest] = node.ns.command(['kubectl', '--kubeconfig', node.kubeconfig, ...args]);
  const r = spawnSync(program!, rest, { input, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The PID of the pod's `sleep` (its network namespace is the pod's), found under the node's cgroup parent. */
function podProcess(cgroupParent: string): number {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === 'sleep\u00003600\u0000' && fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(cgroupParent)) return Number(pid);
    } catch {
      // a process that ended while being read
    }
  }
  throw new Error('the benchmark pod\'s process was not found');
}

async function inPodRun(): Promise<LoadResult> {
  const node = await startBenchNode();
  try {
    const services = Array.from({ length: POD_SERVICES }, (_, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}` }, spec: { ports: [{ port: 80 }] } }));
    kubectl(node, ['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: services }));
    kubectl(node, ['run', 'dns-bench', '--image=busybox', '--', 'sleep', '3600']);
    kubectl(node, ['wait', '--for=condition=Ready', 'pod/dns-bench', '--timeout=120s']);
    const pid = podProcess(node.cgroupParent);
    const names = Array.from({ length: POD_SERVICES }, (_, i) => `svc-${i}.default.svc.cluster.local`);
    // Warm up (the first queries wait for the proxy's rules and conntrack entries), then measure.
    execFileSync('nsenter', [`--net=/proc/${pid}/ns/net`, process.execPath, LOAD, '10.43.0.10', '53', '500', '5', ...names], { timeout: 60_000 });
    const out = execFileSync('nsenter', [`--net=/proc/${pid}/ns/net`, process.execPath, LOAD, '10.43.0.10', '53', String(QUERIES), String(IN_FLIGHT), ...names], { encoding: 'utf8', timeout: 120_000 });
    return JSON.parse(out) as LoadResult;
  } finally {
    await node.stop();
  }
}

export async function dnsRows(runs: number): Promise<Row[]> {
  const samples = [];
  const inPod = [];
  for (let i = 0; i < runs; i++) {
    inPod.push(await inPodRun());
    samples.push(await loopbackRun());
  }
  return [
    { figure: 'dns: queries/s from inside a pod to 10.43.0.10, 50 in flight', runs: inPod.map((s) => s.qps), unit: 'queries/s', digits: 0 },
    { figure: 'dns: query p99 from inside a pod, 50 in flight', runs: inPod.map((s) => percentile(s.latencies, 99)), unit: 'ms', digits: 2 },
    { figure: 'dns: queries/s on loopback, 1 000 services, 50 in flight', runs: samples.map((s) => s.qps), unit: 'queries/s', digits: 0 },
    { figure: 'dns: query p99 on loopback, 50 in flight', runs: samples.map((s) => percentile(s.latencies, 99)), unit: 'ms', digits: 2 },
  ];
}
