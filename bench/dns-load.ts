// A DNS load generator: sends A queries for names round-robin over UDP,
// `inFlight` at a time, and reports queries/s and each query's latency.
// Used in-process against a loopback server, and as a program
// (`node dns-load.js HOST PORT NAME...`, printing JSON) run inside a pod's
// network namespace.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';

export interface LoadResult {
  qps: number;
  latencies: number[];
}

export async function queryLoad(host: string, port: number, names: string[], queries: number, inFlight: number): Promise<LoadResult> {
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
  await new Promise<void>((resolve) => socket.bind(0, () => resolve()));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < queries) {
        const n = next++;
        const id = n & 0xffff;
        const query = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name: names[n % names.length]! }] });
        await new Promise<void>((done) => {
          pending.set(id, { sent: performance.now(), done });
          socket.send(query, port, host);
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  socket.close();
  return { qps: queries / seconds, latencies };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [host, port, queries, inFlight, ...names] = process.argv.slice(2);
  const result = await queryLoad(host!, Number(port), names, Number(queries), Number(inFlight));
  process.stdout.write(JSON.stringify(result) + '\n');
}
