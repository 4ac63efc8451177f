// API server figures (issue 4): cold start to /readyz, RSS idle and with
// 10 000 pods, pod creation over HTTPS (HTTP/2, as kubectl speaks it) at
// concurrency 1 and 50 and paced at 500/s, and `kubectl get pods` with
// 10 000 pods. Each run starts a real `peapod server` on a free port, with
// --disable-scheduler: these figures are the API server's, and with no
// nodes the scheduler would answer every pod with a FailedScheduling event
// and condition (two more writes per create; the scheduler rows measure it).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { credentialsFrom } from '../src/client/http-transport.js';
import { percentile, type Row } from './table.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PEAPOD = path.join(ROOT, 'bin', 'peapod');

interface Server {
  child: ChildProcess;
  dataDir: string;
  session: http2.ClientHttp2Session;
  kubeconfig: string;
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function request(session: http2.ClientHttp2Session, method: string, urlPath: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': urlPath, 'content-type': 'application/json', accept: 'application/json' });
    let data = '';
    let status = 0;
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.on('data', (d: Buffer) => (data += d));
    stream.on('end', () => resolve({ status, body: data }));
    stream.on('error', reject);
    stream.end(body);
  });
}

function connect(kubeconfig: string): http2.ClientHttp2Session {
  const { server, ca, cert, key } = credentialsFrom(kubeconfig);
  return http2.connect(server, { ca, cert, key });
}

/** Starts a server and returns once /readyz answers, with the milliseconds that took. */
async function startServer(dataDir: string): Promise<{ server: Server; readyMs: number }> {
  const kubeconfig = path.join(dataDir, 'kubeconfig.yaml');
  fs.rmSync(kubeconfig, { force: true });
  const start = performance.now();
  const child = spawn(process.execPath, [PEAPOD, 'server', '--data-dir', dataDir, '--https-listen-port', '0', '--bind-address', '127.0.0.1', '--disable-scheduler', '--disable-agent'], {
    stdio: 'ignore',
  });
  for (;;) {
    if (fs.existsSync(kubeconfig)) {
      const session = connect(kubeconfig);
      const ready = await request(session, 'GET', '/readyz').catch(() => undefined);
      if (ready?.status === 200) return { server: { child, dataDir, session, kubeconfig }, readyMs: performance.now() - start };
      session.close();
    }
    if (child.exitCode !== null) throw new Error(`peapod server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function stopServer(server: Server): Promise<void> {
  server.session.close();
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

function podBody(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
  });
}

/** Creates `count` pods with `concurrency` requests in flight; returns per-request latencies and the rate. */
async function createPods(session: http2.ClientHttp2Session, prefix: string, count: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const r = await request(session, 'POST', '/api/v1/namespaces/default/pods', podBody(`${prefix}-${i}`));
        if (r.status !== 201) throw new Error(`create answered ${r.status}: ${r.body}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, perSec: count / ((performance.now() - start) / 1000) };
}

/** Creates pods at a fixed rate (open loop), so latency is measured at that load, not at saturation. */
async function createPaced(session: http2.ClientHttp2Session, perSec: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const total = perSec * seconds;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSec;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(
      request(session, 'POST', '/api/v1/namespaces/default/pods', podBody(`paced-${i}`)).then((r) => {
        if (r.status !== 201) throw new Error(`create answered ${r.status}`);
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(inflight);
  return latencies;
}

function kubectlGetPodsMs(kubeconfig: string, home: string): number {
  const start = performance.now();
  execFileSync('/usr/bin/kubectl', ['get', 'pods'], { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home }, stdio: 'ignore', maxBuffer: 1 << 30 });
  return performance.now() - start;
}

interface Sample {
  coldStartMs: number;
  restartMs: number;
  idleRssMiB: number;
  c1PerSec: number;
  c1P50: number;
  c1P99: number;
  c50PerSec: number;
  c50P50: number;
  c50P99: number;
  paced500P99: number;
  kubectlGetMs: number;
  rss10kMiB: number;
}

async function sample(): Promise<Sample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-bench-api-'));
  try {
    const cold = await startServer(dataDir);
    await stopServer(cold.server);
    const warm = await startServer(dataDir);
    const { session, child } = warm.server;
    const idleRssMiB = rssMiB(child.pid!);
    const c1 = await createPods(session, 'c1', 1000, 1);
    const c50 = await createPods(session, 'c50', 5000, 50);
    const paced = await createPaced(session, 500, 4);
    await createPods(session, 'fill', 10_000 - 1000 - 5000 - 2000, 50);
    const kubectlRuns = [0, 1, 2].map(() => kubectlGetPodsMs(warm.server.kubeconfig, dataDir)).sort((a, b) => a - b);
    const rss10kMiB = rssMiB(child.pid!);
    await stopServer(warm.server);
    return {
      coldStartMs: cold.readyMs,
      restartMs: warm.readyMs,
      idleRssMiB,
      c1PerSec: c1.perSec,
      c1P50: percentile(c1.latencies, 50),
      c1P99: percentile(c1.latencies, 99),
      c50PerSec: c50.perSec,
      c50P50: percentile(c50.latencies, 50),
      c50P99: percentile(c50.latencies, 99),
      paced500P99: percentile(paced, 99),
      kubectlGetMs: kubectlRuns[1]!,
      rss10kMiB,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function apiserverRows(runs: number): Promise<Row[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await sample());
  const col = (k: keyof Sample) => samples.map((s) => s[k]);
  return [
    { figure: 'api: first start (makes certificates) to /readyz', runs: col('coldStartMs'), unit: 'ms', target: '< 1000', digits: 0 },
    { figure: 'api: restart to /readyz', runs: col('restartMs'), unit: 'ms', target: '< 1000', digits: 0 },
    { figure: 'api: RSS idle', runs: col('idleRssMiB'), unit: 'MiB' },
    { figure: 'api: pod creates/s, concurrency 1', runs: col('c1PerSec'), unit: 'creates/s', digits: 0 },
    { figure: 'api: pod create p50, concurrency 1', runs: col('c1P50'), unit: 'ms', digits: 2 },
    { figure: 'api: pod create p99, concurrency 1', runs: col('c1P99'), unit: 'ms', digits: 2 },
    { figure: 'api: pod creates/s, concurrency 50', runs: col('c50PerSec'), unit: 'creates/s', digits: 0 },
    { figure: 'api: pod create p50, concurrency 50', runs: col('c50P50'), unit: 'ms', digits: 2 },
    { figure: 'api: pod create p99, concurrency 50', runs: col('c50P99'), unit: 'ms', digits: 2 },
    { figure: 'api: pod create p99, paced at 500/s', runs: col('paced500P99'), unit: 'ms', target: '< 20', digits: 2 },
    { figure: 'api: kubectl get pods, 10 000 pods', runs: col('kubectlGetMs'), unit: 'ms', digits: 0 },
    { figure: 'api: RSS with 10 000 pods stored', runs: col('rss10kMiB'), unit: 'MiB', target: '< 150' },
  ];
}
