// Node figures (issue 6), each run on a fresh real node: a `peapod server`
// in its own network namespace with its own containerd (see
// test/netns.ts), driven by node-probe.ts running inside that namespace.
// Pod startup is upstream's SLI: create → every container started, as seen
// through a watch; memory is the server's RSS, containerd's RSS and the
// shims' PSS with 30 pods running. Each run first measures the floor (the
// same pods straight through CRI, cri-floor.ts), since the machine's speed
// varies. Everything is removed after each run (bench/real-node.ts).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { criFloor } from './cri-floor.js';
import { startBenchNode } from './real-node.js';
import { percentile, type Row } from './table.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(HERE, 'node-probe.js');

interface Sample {
  singleMs: number[];
  burstMs: number[];
  floor: { singleMs: number[]; burstMs: number[] };
  serverMiB: number;
  containerdMiB: number;
  shimsMiB: number;
}

/** Resident memory of a process, and PSS (shared pages split among sharers) for the shims; 0 for one that has just exited. */
function memoryMiB(pid: number, field: 'Rss' | 'Pss'): number {
  let rollup: string;
  try {
    rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return 0;
  }
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)![1]) / 1024;
}

function pidsWith(needle: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function oneRun(): Promise<Sample> {
  const id = randomBytes(4).toString('hex');
  const floor = await criFloor(id);
  const node = await startBenchNode();
  const { ns, dataDir, kubeconfig, server } = node;
  try {
    const [probe, ...probeArgs] = ns.command([process.execPath, PROBE, kubeconfig]);
    // The probe prints its latencies once 30 pods run, then waits for a line on stdin before deleting them.
    const child = spawn(probe!, probeArgs, { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const measured = await new Promise<{ singleMs: number[]; burstMs: number[] }>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.once('exit', (code) => reject(new Error(`node probe exited ${code}`)));
    });
    const containerd = pidsWith(path.join(dataDir, 'agent', 'containerd', 'config.toml'))[0]!;
    // (cmdline arguments are NUL-separated: the socket path alone picks out this node's shims.)
    const shims = pidsWith(path.join(dataDir, 'agent', 'containerd', 'containerd.sock')).filter((pid) => pid !== containerd);
    const sample = {
      ...measured,
      floor,
      serverMiB: memoryMiB(server.pid!, 'Rss'),
      containerdMiB: memoryMiB(containerd, 'Rss'),
      shimsMiB: shims.reduce((sum, pid) => sum + memoryMiB(pid, 'Pss'), 0),
    };
    child.stdin!.end('done\n');
    await new Promise((resolve) => child.once('exit', resolve));
    return sample;
  } finally {
    await node.stop();
  }
}

export async function nodeRows(runs: number): Promise<Row[]> {
  execFileSync('ip', ['netns', 'list']); // fails early where network namespaces cannot be made
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await oneRun());
  return [
    { figure: 'node: pod create → containers started, single pod p50', runs: samples.map((s) => percentile(s.singleMs, 50)), unit: 'ms', target: '< 300', digits: 0 },
    { figure: 'node: (floor) CRI alone, single pod p50', runs: samples.map((s) => percentile(s.floor.singleMs, 50)), unit: 'ms', digits: 0 },
    { figure: 'node: pod create → containers started, 30-pod burst p99', runs: samples.map((s) => percentile(s.burstMs, 99)), unit: 'ms', target: '< 3000', digits: 0 },
    { figure: 'node: (floor) CRI alone, 30-pod burst p99', runs: samples.map((s) => percentile(s.floor.burstMs, 99)), unit: 'ms', digits: 0 },
    { figure: 'node: server RSS, 30 pods running', runs: samples.map((s) => s.serverMiB), unit: 'MiB', digits: 0 },
    { figure: 'node: containerd RSS, 30 pods running', runs: samples.map((s) => s.containerdMiB), unit: 'MiB', digits: 0 },
    { figure: 'node: server + containerd, 30 pods running', runs: samples.map((s) => s.serverMiB + s.containerdMiB), unit: 'MiB', target: '< 250', digits: 0 },
    { figure: 'node: 30 shims (PSS, shared pages split)', runs: samples.map((s) => s.shimsMiB), unit: 'MiB', digits: 0 },
  ];
}
