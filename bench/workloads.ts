// Workload controller figures (issue 7), each run in a fresh child process
// holding a whole control plane with 100 simulated nodes (see
// workloads-probe.ts): a 1 000-replica Deployment becoming available, a
// rolling update of it, and CPU at rest before and after.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './table.js';

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workloads-probe.js');

interface Sample {
  availableSeconds: number;
  rolloutSeconds: number;
  baselineCpuPercent: number;
  workloadCpuPercent: number;
}

export async function workloadRows(runs: number): Promise<Row[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [PROBE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
    samples.push(JSON.parse(out.trim().split('\n').pop()!) as Sample);
  }
  return [
    { figure: 'workloads: 1 000-replica Deployment, create → all available (100 simulated nodes)', runs: samples.map((s) => s.availableSeconds), unit: 's', digits: 2 },
    { figure: 'workloads: rolling update of it, end to end', runs: samples.map((s) => s.rolloutSeconds), unit: 's', digits: 2 },
    { figure: 'workloads: CPU at rest, 100 simulated nodes, no workloads (leases only)', runs: samples.map((s) => s.baselineCpuPercent), unit: '% of a core', digits: 2 },
    { figure: 'workloads: CPU at rest with the 1 000-pod Deployment and its controllers', runs: samples.map((s) => s.workloadCpuPercent), unit: '% of a core', target: '~0 above the row before', digits: 2 },
  ];
}
