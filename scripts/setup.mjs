#!/usr/bin/env node
// Makes a checkout ready to run: installs the Debian packages the node agent
// runs (containerd, runc, CNI plugins, iptables, conntrack) and those the test images
// are built from (busybox-static, gcc, debootstrap), the locked npm packages, makes sure better-sqlite3's
// native module was built, compiles the TypeScript, and builds the images nodes import.
// Every step is skipped when already done, so `npm start` / `npm test` stay
// quiet on the second run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, what) {
  process.stderr.write(`setup: ${what}\n`);
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** What the node agent runs, and what its test images are built from (busybox, pause, nginx via debootstrap). */
const DEBIAN_PACKAGES = ['containerd', 'runc', 'containernetworking-plugins', 'iptables', 'conntrack', 'busybox-static', 'gcc', 'libc6-dev', 'debootstrap'];

function installDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((pkg) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`setup: Debian packages missing (${missing.join(' ')}); run as root, or install them with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  process.stderr.write(`setup: installing Debian packages: ${missing.join(' ')}\n`);
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function installPackages() {
  const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
  const want = createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(root, 'node_modules', '.peapod-lock-sha256');
  const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
  if (have !== want) {
    run(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], 'installing npm packages (npm ci)');
    fs.writeFileSync(stamp, want);
  }
  // A future npm may skip install scripts it was not told to allow: build the addon then.
  const addon = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(addon)) run(npm, ['rebuild', 'better-sqlite3', '--loglevel=error'], 'building better-sqlite3');
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

function build() {
  const stamp = path.join(root, 'dist', '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const sources = Math.max(
    ...['src', 'test', 'bench'].map((d) => newestMtime(path.join(root, d))),
    fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  if (sources < built) return;
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], 'compiling TypeScript');
  fs.writeFileSync(stamp, '');
}

/** The images nodes import (busybox, nginx, pause), built once into their cache; quiet when cached. */
async function buildImages() {
  const { ensureTestImages } = await import(path.join(root, 'dist', 'src', 'kubelet', 'images', 'test-images.js'));
  await ensureTestImages((message) => process.stderr.write(`setup: ${message}\n`));
}

installDebianPackages();
installPackages();
build();
await buildImages();
