// Scheduler figures (issue 5), each run in a fresh child process holding a
// whole control plane (see scheduler-probe.ts): pods scheduled per second
// with 1 000 simulated nodes and 10 000 pending pods, create-to-Running
// latency on a simulated node, and RSS with 1 000 nodes and 30 000 pods.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, type Row } from './table.js';

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scheduler-probe.js');

interface Sample {
  scheduledPerSec: number;
  latencies: number[];
  rssMiB: number;
}

export async function schedulerRows(runs: number): Promise<Row[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', PROBE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
    samples.push(JSON.parse(out.trim().split('\n').pop()!) as Sample);
  }
  return [
    { figure: 'scheduler: pods scheduled/s, 1 000 nodes, 10 000 pending', runs: samples.map((s) => s.scheduledPerSec), unit: 'pods/s', target: '≥ 1000', digits: 0 },
    { figure: 'scheduler: create → Running p50 (simulated node, 100/s)', runs: samples.map((s) => percentile(s.latencies, 50)), unit: 'ms', digits: 1 },
    { figure: 'scheduler: create → Running p99 (simulated node, 100/s)', runs: samples.map((s) => percentile(s.latencies, 99)), unit: 'ms', digits: 1 },
    { figure: 'scheduler: RSS, 1 000 nodes and 30 000 pods Running', runs: samples.map((s) => s.rssMiB), unit: 'MiB', target: '< 2048', digits: 0 },
  ];
}
