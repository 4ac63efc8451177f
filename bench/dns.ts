// Cluster DNS figures (issue 8, in part): queries/s and latency of the DNS
// server on loopback, answering service names from a view of 1 000
// services, 50 queries in flight. Measured from this process, not yet
// from inside a pod: nothing routes the cluster DNS address to the server
// until the service proxy exists.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import dnsPacket from 'dns-packet';
import type { ClusterView } from '../src/dns/records.js';
import { DnsServer } from '../src/dns/server.js';
import { percentile, type Row } from './table.js';

const SERVICES = 1000;
const QUERIES = 20_000;
const IN_FLIGHT = 50;

const view: ClusterView = {
  service: (ns, name) => {
    const i = Number(name.replace('svc-', ''));
    return ns === 'default' && i < SERVICES ? { clusterIP: `10.43.${i >> 8}.${i & 255}`, type: 'ClusterIP', ports: [{ name: 'http', port: 80 }] } : undefined;
  },
  endpoints: () => [],
  namespaceExists: (ns) => ns === 'default',
};

async function oneRun(): Promise<{ qps: number; latencies: number[] }> {
  const server = new DnsServer(view, { host: '127.0.0.1', port: 0, domain: 'cluster.local', upstreams: [] });
  const port = await server.start();
  const socket = dgram.createSocket('udp4');
  const pending = new Map<number, { sent: number; done: () => void }>();
  const latencies: number[] = [];
  socket.on('message', (m) => {
    const id = m.readUInt16BE(0);
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    latencies.push(performance.now() - p.sent);
    p.done();
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < QUERIES) {
        const n = next++;
        const id = n & 0xffff;
        const query = dnsPacket.encode({ type: 'query', id, questions: [{ type: 'A', name: `svc-${n % SERVICES}.default.svc.cluster.local` }] });
        await new Promise<void>((done) => {
          pending.set(id, { sent: performance.now(), done });
          socket.send(query, port, '127.0.0.1');
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  socket.close();
  await server.stop();
  return { qps: QUERIES / seconds, latencies };
}

export async function dnsRows(runs: number): Promise<Row[]> {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await oneRun());
  return [
    { figure: 'dns: queries/s on loopback, 1 000 services, 50 in flight', runs: samples.map((s) => s.qps), unit: 'queries/s', digits: 0 },
    { figure: 'dns: query p99 on loopback, 50 in flight', runs: samples.map((s) => percentile(s.latencies, 99)), unit: 'ms', digits: 2 },
  ];
}
