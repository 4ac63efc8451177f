// The node's own containerd, as k3s runs one: config, root, state, sockets
// and runc's state all under DATA/agent/containerd, so it never meets a
// system containerd or another cluster's. Started with the agent, stopped
// with it. The config carries what these machines need (see
// RUNTIME-NOTES): the cgroupfs driver, restrict_oom_score_adj (root here
// may not lower oom_score_adj, and every sandbox asks to), overlayfs, and
// a CNI conf dir of the node's own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { CriClient } from './cri/client.js';

export interface ContainerdOptions {
  /** DATA/agent/containerd */
  dir: string;
  /** The image every pod sandbox runs (the pause image). */
  sandboxImage: string;
  /** Where CNI plugin binaries are. */
  cniBinDir?: string;
  /** Where containerd should look for CNI conflists. */
  cniConfDir: string;
  /** A network namespace (ip netns) to run in: its pods' bridge, routes and iptables rules then stay there (tests). */
  netns?: string;
  /** Registry mirrors and credentials, as TOML for the CRI plugin (see registries.ts). */
  registries?: string;
  log?: (message: string) => void;
}

const run = promisify(execFile);
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export function containerdConfig(o: ContainerdOptions): string {
  const q = (s: string) => JSON.stringify(s);
  return `version = 2
root = ${q(path.join(o.dir, 'root'))}
state = ${q(path.join(o.dir, 'state'))}

[grpc]
  address = ${q(socketPath(o.dir))}

[ttrpc]
  address = ${q(`${socketPath(o.dir)}.ttrpc`)}

[plugins."io.containerd.internal.v1.opt"]
  path = ${q(path.join(o.dir, 'opt'))}

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = ${q(o.sandboxImage)}
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = false
  Root = ${q(path.join(o.dir, 'runc'))}

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = ${q(o.cniBinDir ?? '/usr/lib/cni')}
  conf_dir = ${q(o.cniConfDir)}
${o.registries ? `\n${o.registries}` : ''}`;
}

export const socketPath = (dir: string) => path.join(dir, 'containerd.sock');

/** Where a node keeps its containerd, as k3s lays out its agent: DATA/agent/containerd. */
export const agentContainerdDir = (dataDir: string) => path.join(dataDir, 'agent', 'containerd');

export class Containerd {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  /** Cancels imports still running at stop: a ctr talking to a containerd going away can hang, and would hold the process open. */
  private readonly imports = new AbortController();
  readonly socket: string;

  constructor(private readonly options: ContainerdOptions) {
    this.socket = socketPath(options.dir);
  }

  /** Writes the config, starts containerd and resolves with a CRI client once it answers. */
  async start(): Promise<CriClient> {
    const { dir } = this.options;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(this.options.cniConfDir, { recursive: true });
    const config = path.join(dir, 'config.toml');
    fs.writeFileSync(config, containerdConfig(this.options));
    fs.rmSync(this.socket, { force: true });
    const logFd = fs.openSync(path.join(dir, 'containerd.log'), 'a');
    const command = ['containerd', '--config', config];
    // nsenter enters only the network namespace (`ip netns exec` would also remount /sys, hiding the cgroup
    // mounts runc needs) and execs containerd in place, so the PID is containerd's.
    const [program, ...args] = this.options.netns ? ['nsenter', `--net=/var/run/netns/${this.options.netns}`, ...command] : command;
    const child = spawn(program!, args, { stdio: ['ignore', logFd, logFd] });
    fs.closeSync(logFd);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(new Error(`cannot start containerd: ${err.message} (is the containerd package installed?)`))));
    const cri = await Promise.race([this.waitForCri(), spawnError]);
    this.options.log?.(`containerd ${String((await cri.runtime.Version!({}))['runtimeVersion'])} on ${this.socket}`);
    return cri;
  }

  private async waitForCri(): Promise<CriClient> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`containerd exited with ${this.child.exitCode}; see ${path.join(this.options.dir, 'containerd.log')}`);
      }
      if (fs.existsSync(this.socket)) {
        const cri = new CriClient(this.socket);
        try {
          await cri.runtime.Version!({});
          return cri;
        } catch {
          cri.close();
        }
      }
      if (Date.now() > deadline) throw new Error(`containerd did not answer on ${this.socket} within ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Imports OCI/Docker image tarballs into the CRI's namespace, as k3s does
   * with DATA/agent/images (through containerd's own import; pods never go
   * through ctr).
   */
  async importImages(files: string[]): Promise<void> {
    for (const file of files) {
      await run('ctr', ['--address', this.socket, '--namespace', 'k8s.io', 'images', 'import', file], { signal: this.imports.signal }).catch((err: Error & { stderr?: string }) => {
        throw new Error(`importing ${file}: ${err.stderr?.trim() || err.message}`);
      });
    }
  }

  /** SIGTERM, then SIGKILL if it lingers. Containers keep running (their shims outlive containerd), as with k3s. */
  async stop(): Promise<void> {
    this.imports.abort();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
