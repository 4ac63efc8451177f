// Service proxy figures: the iptables sync for 1 000 services (the whole
// table written into a fresh network namespace, and a sync after one
// endpoint changed), and end to end from an EndpointSlice written through
// the API to the new endpoint in the node's nat table, with 1 000 services
// present — a real `peapod server` with its node agent in its own netns.
// proxy-probe.ts does the measuring inside the netns.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNetns, removeNetns, type TestNetns } from '../test/netns.js';
import { startBenchNode } from './real-node.js';
import { percentile, type Row } from './table.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(HERE, 'proxy-probe.js');

/** Runs the probe in the netns and parses the JSON line it prints. */
function probe<T>(ns: TestNetns, args: string[]): Promise<T> {
  const [program, ...argv] = ns.command([process.execPath, PROBE, ...args]);
  const child = spawn(program!, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`proxy probe ${args[0]} exited ${code}`)))));
}

async function syncRun(): Promise<{ fullMs: number; partialMs: number }> {
  const ns = createNetns(`peapod-bench-${randomBytes(4).toString('hex')}`);
  try {
    return await probe(ns, ['sync']);
  } finally {
    removeNetns(ns.name);
  }
}

async function latencyRun(): Promise<number[]> {
  const node = await startBenchNode();
  try {
    return (await probe<{ latencies: number[] }>(node.ns, ['latency', node.kubeconfig])).latencies;
  } finally {
    await node.stop();
  }
}

export async function proxyRows(runs: number): Promise<Row[]> {
  execFileSync('ip', ['netns', 'list']); // fails early where network namespaces cannot be made
  const syncs = [];
  const latencies = [];
  for (let i = 0; i < runs; i++) {
    syncs.push(await syncRun());
    latencies.push(await latencyRun());
  }
  return [
    { figure: 'proxy: iptables sync, 1 000 services (1–3 endpoints), whole table', runs: syncs.map((s) => s.fullMs), unit: 'ms', target: '< 1000', digits: 0 },
    { figure: 'proxy: iptables sync, 1 000 services, one endpoint changed', runs: syncs.map((s) => s.partialMs), unit: 'ms', digits: 0 },
    { figure: 'proxy: EndpointSlice write → rule in nat table, p50 (1 000 services)', runs: latencies.map((l) => percentile(l, 50)), unit: 'ms', digits: 0 },
    { figure: 'proxy: EndpointSlice write → rule in nat table, p99 (1 000 services)', runs: latencies.map((l) => percentile(l, 99)), unit: 'ms', digits: 0 },
  ];
}
