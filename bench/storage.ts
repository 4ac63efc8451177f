// Storage figures (issue 3): write throughput, create latency, list, watch
// fan-out, and file size / RSS with 10 000 pod-sized objects. Every run uses
// a fresh store in a temp dir.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/storage/index.js';
import type { Store } from '../src/storage/store.js';
import { podObject } from './pod-object.js';
import { percentile, type Row } from './table.js';

interface Sample {
  serialWritesPerSec: number;
  concurrentWritesPerSec: number;
  createP50: number;
  createP99: number;
  listFullMs: number;
  listPagedMs: number;
  fanoutP99: number;
  fileMiB: number;
  openMs: number;
  rssMiB: number;
}

async function withStore<T>(fn: (store: Store, file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-bench-'));
  const file = path.join(dir, 'state.db');
  const store = openStore(`sqlite://${file}`);
  try {
    return await fn(store, file);
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Time to open (and integrity-check) an existing database file. */
function timeOpen(file: string): Promise<number> {
  const start = performance.now();
  const store = openStore(`sqlite://${file}`);
  const ms = performance.now() - start;
  return store.close().then(() => ms);
}

/** 50 writers creating pods side by side until `total` are written. */
export async function loadPods(store: Store, total: number, writers = 50): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) {
        const i = next++;
        await store.create(`/registry/pods/default/pod-${String(i).padStart(5, '0')}`, podObject('default', `pod-${i}`));
      }
    }),
  );
}

async function serialWrites(): Promise<{ perSec: number; p50: number; p99: number }> {
  return withStore(async (store) => {
    const n = 3000;
    const latencies: number[] = [];
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await store.create(`/registry/pods/default/serial-${i}`, podObject('default', `serial-${i}`));
      latencies.push(performance.now() - t);
    }
    const seconds = (performance.now() - start) / 1000;
    return { perSec: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  });
}

async function concurrentWrites(): Promise<number> {
  return withStore(async (store) => {
    const n = 20_000;
    const start = performance.now();
    await loadPods(store, n);
    return n / ((performance.now() - start) / 1000);
  });
}

async function lists(): Promise<{ fullMs: number; pagedMs: number; fileMiB: number; openMs: number }> {
  return withStore(async (store, file) => {
    await loadPods(store, 10_000);
    let start = performance.now();
    const full = await store.list('/registry/pods/');
    const fullMs = performance.now() - start;
    if (full.items.length !== 10_000) throw new Error(`listed ${full.items.length} of 10000`);
    start = performance.now();
    let seen = 0;
    let token: string | undefined;
    do {
      const page = await store.list('/registry/pods/', { limit: 500, continue: token });
      seen += page.items.length;
      token = page.continue;
    } while (token);
    const pagedMs = performance.now() - start;
    if (seen !== 10_000) throw new Error(`paged through ${seen} of 10000`);
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    const fileMiB = (size(file) + size(`${file}-wal`)) / 2 ** 20;
    await store.close();
    return { fullMs, pagedMs, fileMiB, openMs: await timeOpen(file) };
  });
}

/** Time from issuing a write to its event reaching each of 100 watchers; p99 over all pairs. */
async function fanout(): Promise<number> {
  return withStore(async (store) => {
    const writes = 2000;
    const issued = new Array<number>(writes);
    const latencies: number[] = [];
    const prefix = '/registry/pods/fanout/';
    const watchers = Array.from({ length: 100 }, async () => {
      let got = 0;
      for await (const m of store.watch({ key: prefix, prefix: true })) {
        if (m.type === 'PROGRESS') continue;
        latencies.push(performance.now() - issued[Number(m.kv.key.slice(prefix.length))]!);
        if (++got === writes) break;
      }
    });
    // Ten writers at a time: a busy but not saturated API server.
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < writes) {
          const i = next++;
          issued[i] = performance.now();
          await store.create(prefix + i, podObject('fanout', `p${i}`));
        }
      }),
    );
    await Promise.all(watchers);
    return percentile(latencies, 99);
  });
}

/** RSS in MiB of a fresh process that holds 10 000 pods in its store and has listed them. */
function rss(): number {
  const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-probe.js');
  return Number(execFileSync(process.execPath, [probe], { encoding: 'utf8' }).trim()) / 2 ** 20;
}

async function sample(): Promise<Sample> {
  const serial = await serialWrites();
  const concurrentWritesPerSec = await concurrentWrites();
  const list = await lists();
  const fanoutP99 = await fanout();
  return {
    serialWritesPerSec: serial.perSec,
    concurrentWritesPerSec,
    createP50: serial.p50,
    createP99: serial.p99,
    listFullMs: list.fullMs,
    listPagedMs: list.pagedMs,
    fanoutP99,
    fileMiB: list.fileMiB,
    openMs: list.openMs,
    rssMiB: rss(),
  };
}

export async function storageRows(runs: number): Promise<Row[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await sample());
  const col = (k: keyof Sample) => samples.map((s) => s[k]);
  return [
    { figure: 'storage: writes/s, serial (2 KB pods)', runs: col('serialWritesPerSec'), unit: 'writes/s', digits: 0 },
    { figure: 'storage: writes/s, 50 concurrent', runs: col('concurrentWritesPerSec'), unit: 'writes/s', target: '≥ 5000', digits: 0 },
    { figure: 'storage: create latency p50, serial', runs: col('createP50'), unit: 'ms', digits: 3 },
    { figure: 'storage: create latency p99, serial', runs: col('createP99'), unit: 'ms', target: '< 5', digits: 3 },
    { figure: 'storage: list 10 000 pods, one call', runs: col('listFullMs'), unit: 'ms', target: '< 100' },
    { figure: 'storage: list 10 000 pods, pages of 500', runs: col('listPagedMs'), unit: 'ms' },
    { figure: 'storage: watch fan-out p99, 100 watchers', runs: col('fanoutP99'), unit: 'ms', digits: 2 },
    { figure: 'storage: db + WAL size, 10 000 pods', runs: col('fileMiB'), unit: 'MiB' },
    { figure: 'storage: open + check a 10 000-pod db', runs: col('openMs'), unit: 'ms' },
    { figure: 'storage: process RSS, 10 000 pods loaded and listed', runs: col('rssMiB'), unit: 'MiB' },
  ];
}
