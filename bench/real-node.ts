// A real node for a benchmark run: `peapod server` with its agent in a
// network namespace of its own (test/netns.ts), its own data dir and cgroup
// parent. `stop` ends the server, removes the pods it left, the namespace,
// the cgroups and the files, whatever state the run ended in.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeAllPods } from '../src/kubelet/killall.js';
import { createNetns, removeCgroup, removeNetns, type TestNetns } from '../test/netns.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PEAPOD = path.join(HERE, '..', '..', 'bin', 'peapod');

export interface BenchNode {
  ns: TestNetns;
  dataDir: string;
  cgroupParent: string;
  kubeconfig: string;
  server: ChildProcess;
  stop(): Promise<void>;
}

export async function startBenchNode(extraArgs: string[] = []): Promise<BenchNode> {
  const id = randomBytes(4).toString('hex');
  const ns = createNetns(`peapod-bench-${id}`);
  const cgroupParent = `/peapod-bench-${id}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-bench-node-'));
  const [program, ...args] = ns.command([
    process.execPath, PEAPOD, 'server', '--data-dir', dataDir, '--https-listen-port', '0', '--bind-address', '127.0.0.1', '--node-name', 'bench', '--cgroup-parent', cgroupParent, ...extraArgs,
  ]);
  const server = spawn(program!, args, { stdio: 'ignore' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    server.kill('SIGTERM');
    await exited;
    await removeAllPods(dataDir, ns.name);
    removeNetns(ns.name);
    removeCgroup(cgroupParent);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const kubeconfig = path.join(dataDir, 'kubeconfig.yaml');
  try {
    for (let i = 0; !fs.existsSync(kubeconfig); i++) {
      if (server.exitCode !== null || i > 600) throw new Error('peapod server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ns, dataDir, cgroupParent, kubeconfig, server, stop };
}
