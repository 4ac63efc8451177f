// Child of the storage benchmark: loads 10 000 pods into a fresh store, lists
// them once, and prints its own resident set size in bytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/storage/index.js';
import { loadPods } from './storage.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-rss-'));
try {
  const store = openStore(`sqlite://${path.join(dir, 'state.db')}`);
  await loadPods(store, 10_000);
  await store.list('/registry/pods/');
  process.stdout.write(`${process.memoryUsage().rss}\n`);
  await store.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
