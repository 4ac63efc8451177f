#!/usr/bin/env node
// Runs every compiled *.test.js file with Node's test runner. Node 20's
// runner takes no glob, and given a folder it would also run helper modules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, 'dist', 'test');
const files = fs
  .readdirSync(testDir, { recursive: true })
  .filter((f) => f.endsWith('.test.js'))
  .map((f) => path.join(testDir, f))
  .sort();
// Test files are isolated from each other (own temp dirs, ports): let them run side by side.
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
