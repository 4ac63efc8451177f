// A whole single-node cluster that runs real containers, for a test: its own
// network namespace (test/netns.ts: a veth with the node's address), its
// own data dir, cgroup parent and bridge. When the test ends, pass or fail,
// the server stops, every pod sandbox it left running is stopped and removed
// through a containerd on the same data dir, and the netns (with its
// bridge, veths and iptables rules), CNI result files, cgroups and files go.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { removeAllPods } from '../src/kubelet/killall.js';
import { KUBECTL, startClusterIn, type TestCluster } from './cluster.js';
import { eventually } from './helpers.js';
import { createNetns, inNetnsArgv, removeCgroup, removeNetns } from './netns.js';

export interface NodeCluster extends TestCluster {
  netns: string;
  nodeName: string;
  /** Runs a command in the cluster's netns (curl to pod IPs...). */
  inNetns(argv: string[]): string;
  /** Stops the server (its containers keep running, by design) and starts it again on the same data dir. */
  restart(): Promise<void>;
}

export async function startNodeCluster(t: TestContext, extraArgs: string[] = []): Promise<NodeCluster> {
  const id = randomBytes(4).toString('hex');
  const netns = `peapod-test-${id}`;
  const cgroupParent = `/peapod-test-${id}`;
  const nodeName = `node-${id}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-node-cluster-'));
  const args = ['--node-name', nodeName, '--cgroup-parent', cgroupParent, ...extraArgs];
  createNetns(netns);
  let current: TestCluster | undefined;
  // One hook, in this order: the server (whichever is current) stops, then what it left running is stopped and
  // removed in the netns it ran in (CNI DEL clears result files and pod netns), then the netns, cgroups, files.
  t.after(async () => {
    await current?.stop();
    await removeAllPods(dataDir, netns).catch((err: Error) => process.stderr.write(`test cleanup: ${err.message}\n`));
    removeNetns(netns);
    removeCgroup(cgroupParent);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  current = await startClusterIn(t, dataDir, args, false, { netns });
  const cluster = current;
  return {
    dataDir,
    kubeconfig: cluster.kubeconfig,
    get server() {
      return current!.server;
    },
    log: () => current!.log(),
    kubectl: (a, o) => current!.kubectl(a, o),
    ok: (a, o) => current!.ok(a, o),
    stop: () => current!.stop(),
    netns,
    nodeName,
    inNetns: (argv) => {
      const [program, ...args] = inNetnsArgv(netns, argv);
      return execFileSync(program!, args, { encoding: 'utf8', timeout: 30_000 });
    },
    async restart() {
      await current!.stop();
      current = await startClusterIn(t, dataDir, args, false, { netns });
    },
  };
}

/** Waits until `kubectl get pod NAME -o jsonpath=PATH` prints `want` (or matches it). */
export async function podField(c: NodeCluster, name: string, path: string, want: string | RegExp, ms = 30_000): Promise<string> {
  let last = '';
  try {
    return await eventually(
      async () => {
        const r = await c.kubectl(['get', 'pod', name, '-o', `jsonpath=${path}`]);
        last = r.stdout || r.stderr;
        return (typeof want === 'string' ? last === want : want.test(last)) ? last : undefined;
      },
      ms,
      `pod ${name} ${path} to be ${String(want)}`,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last: ${last}\n${await c.ok(['describe', 'pod', name]).catch(() => '')}`);
  }
}


/** kubectl's argv with the cluster's kubeconfig (for a kubectl that runs in the background). */
export const kubectlArgv = (c: NodeCluster, args: string[], binary = KUBECTL): string[] => [binary, '--kubeconfig', c.kubeconfig, ...args];

export interface BackgroundProcess {
  stdout(): string;
  /** stdout and stderr as they came. */
  output(): string;
  exited: Promise<number | null>;
}

/** A process in the cluster's netns that keeps running (port-forward, a watch, attach, a server); killed by PID when the test ends. */
export function inBackground(t: TestContext, c: NodeCluster, argv: string[]): BackgroundProcess {
  const [program, ...args] = inNetnsArgv(c.netns, argv);
  const child = spawn(program!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  });
  return { stdout: () => stdout, output: () => output, exited };
}

/** Runs a command on a pseudo-terminal (util-linux script), feeding it `input`; resolves with what the terminal showed. */
export function onTty(c: NodeCluster, command: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = inNetnsArgv(c.netns, ['script', '-qec', command, '/dev/null']);
    const child = spawn(program!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output.replace(/\r/g, ''));
      else reject(new Error(`${command} exited ${code}: ${output}`));
    });
    child.stdin.write(input);
  });
}
