// Starts a real `peapod server` for a test: its own temp data dir, a free
// loopback port, stopped (by PID) when the test ends, pass or fail. Runs the
// real kubectl against it.
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually } from './helpers.js';
import { inNetnsArgv } from './netns.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PEAPOD = path.join(ROOT, 'bin', 'peapod');
export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  input?: string;
  /** Another kubectl, e.g. /usr/lib/google-cloud-sdk/bin/kubectl.1.27. */
  binary?: string;
  env?: Record<string, string>;
}

export interface TestCluster {
  dataDir: string;
  /** The server's log so far. */
  log(): string;
  kubeconfig: string;
  /** https://127.0.0.1:PORT */
  server: string;
  kubectl(args: string[], options?: KubectlOptions): Promise<KubectlResult>;
  /** Runs kubectl and fails the test unless it exits 0; returns stdout. */
  ok(args: string[], options?: KubectlOptions): Promise<string>;
  stop(): Promise<void>;
}

/** A control plane only (no node agent): what most API, scheduler and controller tests need. */
export async function startCluster(t: TestContext, extraArgs: string[] = []): Promise<TestCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-cluster-'));
  return startClusterIn(t, dataDir, ['--disable-agent', ...extraArgs], true);
}

export interface ClusterPlacement {
  /** Run the server (and kubectl) inside this network namespace. */
  netns?: string;
}

/** Starts a server on an existing data dir (to test restarts); `ownsDataDir` removes it afterwards. */
export async function startClusterIn(t: TestContext, dataDir: string, extraArgs: string[] = [], ownsDataDir = false, placement: ClusterPlacement = {}): Promise<TestCluster> {
  const kubeconfig = path.join(dataDir, 'kubeconfig.yaml');
  fs.rmSync(kubeconfig, { force: true });
  const inNetns = (argv: string[]) => (placement.netns ? inNetnsArgv(placement.netns, argv) : argv);
  const [program, ...args] = inNetns([process.execPath, PEAPOD, 'server', '--data-dir', dataDir, '--https-listen-port', '0', '--bind-address', '127.0.0.1', ...extraArgs]);
  const child = spawn(program!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  // One hook, in this order: the server must be gone before its data dir goes.
  t.after(async () => {
    await stop();
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`peapod server exited with ${child.exitCode}:\n${log}`);
      return fs.existsSync(kubeconfig) ? true : undefined;
    },
    30_000,
    `peapod server to write ${kubeconfig}`,
  );
  const server = /server: (\S+)/.exec(fs.readFileSync(kubeconfig, 'utf8'))![1]!;
  const kubectl = (args: string[], options: KubectlOptions = {}) =>
    new Promise<KubectlResult>((resolve) => {
      const [binary, ...argv] = inNetns([options.binary ?? KUBECTL, ...args]);
      const proc = execFile(
        binary!,
        argv,
        { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dataDir, ...options.env }, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      if (options.input !== undefined) proc.stdin!.end(options.input);
    });
  return {
    dataDir,
    log: () => log,
    kubeconfig,
    server,
    kubectl,
    async ok(args, options) {
      const r = await kubectl(args, options);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
      return r.stdout;
    },
    stop,
  };
}

/** Polls `kubectl ARGS` until it succeeds with output matching `pattern` (what controllers write arrives in the background); returns that output. */
export async function untilOutput(c: TestCluster, args: string[], pattern: RegExp, ms = 20_000): Promise<string> {
  let last = '';
  return eventually(
    async () => {
      const r = await c.kubectl(args);
      last = r.stdout || r.stderr;
      return r.code === 0 && pattern.test(r.stdout) ? r.stdout : undefined;
    },
    ms,
    () => `kubectl ${args.join(' ')} to show ${pattern} (last: ${last})`,
  );
}
