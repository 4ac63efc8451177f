// A node's container runtime for a test: its own containerd under a temp
// dir with the project's images imported, its own cgroup parent and — with
// a pod network — its own network namespace, bridge and pod CIDR. One
// after-hook takes it all down in order, pass or fail: sandboxes,
// containerd, the netns (and with it bridge, veths, iptables rules), CNI
// result files, cgroups, files.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { writeConflist } from '../../src/kubelet/cni.js';
import { Containerd } from '../../src/kubelet/containerd.js';
import type { CriClient } from '../../src/kubelet/cri/client.js';
import { ensureTestImages, PAUSE_IMAGE } from '../../src/kubelet/images/test-images.js';
import { eventually } from '../helpers.js';
import { removeCgroup } from '../netns.js';

export interface NodeRuntime {
  cri: CriClient;
  dir: string;
  /** The netns containerd runs in, when the test asked for a pod network. */
  netns?: string;
  /** Starts a pod sandbox; `hostNetwork` shares the node's network instead of getting a pod IP. */
  runSandbox(name: string, hostNetwork: boolean): Promise<{ id: string; config: object; logDirectory: string }>;
  /** Creates and starts a container of `image` (its own command unless one is given); returns its id. */
  runContainer(sandbox: { id: string; config: object }, name: string, image: string, command?: string[]): Promise<string>;
  /** A busybox container running `script` with sh -c. */
  runBusybox(sandbox: { id: string; config: object }, name: string, script: string): Promise<string>;
  /** Waits for a container to exit; resolves with its exit code. */
  exitCode(containerId: string): Promise<number>;
}

export async function startNodeRuntime(t: TestContext, options: { podNetwork: boolean }): Promise<NodeRuntime> {
  const id = randomBytes(4).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-node-'));
  const cgroupParent = `/peapod-test-${id}`;
  const netns = options.podNetwork ? `peapod-test-${id}` : undefined;
  const networkName = `peapod-test-${id}`;
  const cniConfDir = path.join(dir, 'cni', 'net.d');
  const sandboxes: string[] = [];
  let cri: CriClient | undefined;
  const containerd = new Containerd({ dir: path.join(dir, 'containerd'), sandboxImage: PAUSE_IMAGE, cniConfDir, netns });
  t.after(async () => {
    for (const podSandboxId of sandboxes) {
      await cri!.runtime.StopPodSandbox!({ podSandboxId });
      await cri!.runtime.RemovePodSandbox!({ podSandboxId });
    }
    cri?.close();
    await containerd.stop();
    if (netns) execFileSync('ip', ['netns', 'del', netns]);
    for (const f of fs.existsSync('/var/lib/cni/results') ? fs.readdirSync('/var/lib/cni/results') : []) {
      if (f.startsWith(`${networkName}-`)) fs.rmSync(path.join('/var/lib/cni/results', f));
    }
    removeCgroup(cgroupParent);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  if (netns) {
    execFileSync('ip', ['netns', 'add', netns]);
    execFileSync('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
    writeConflist(cniConfDir, { name: networkName, bridge: `pp${id}`, subnet: '10.42.7.0/24', ipamDir: path.join(dir, 'cni', 'ipam') });
  }
  cri = await containerd.start();
  await containerd.importImages(await ensureTestImages());
  const client = cri;

  const runContainer: NodeRuntime['runContainer'] = async (sandbox, name, image, command) => {
    const { containerId } = (await client.runtime.CreateContainer!({
      podSandboxId: sandbox.id,
      sandboxConfig: sandbox.config,
      config: {
        metadata: { name, attempt: 0 },
        image: { image },
        ...(command ? { command } : {}),
        logPath: `${name}/0.log`,
        linux: { resources: {}, securityContext: {} },
      },
    })) as { containerId: string };
    await client.runtime.StartContainer!({ containerId });
    return containerId;
  };

  return {
    cri: client,
    dir,
    netns,
    async runSandbox(name, hostNetwork) {
      const logDirectory = path.join(dir, 'pods', name);
      fs.mkdirSync(logDirectory, { recursive: true });
      const config = {
        metadata: { name, namespace: 'default', uid: randomBytes(8).toString('hex'), attempt: 0 },
        ...(hostNetwork ? {} : { hostname: name }),
        logDirectory,
        linux: { cgroupParent, securityContext: { namespaceOptions: { network: hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
      };
      const { podSandboxId } = (await client.runtime.RunPodSandbox!({ config })) as { podSandboxId: string };
      sandboxes.push(podSandboxId);
      return { id: podSandboxId, config, logDirectory };
    },
    runBusybox: (sandbox, name, script) => runContainer(sandbox, name, 'docker.io/library/busybox:latest', ['sh', '-c', script]),
    runContainer,
    async exitCode(containerId) {
      return eventually(
        async () => {
          const s = ((await client.runtime.ContainerStatus!({ containerId })) as { status: { state: string; exitCode: number } }).status;
          return s.state === 'CONTAINER_EXITED' ? s.exitCode : undefined;
        },
        20_000,
        `container ${containerId} to exit`,
      );
    },
  };
}
