// A container through CRI on the node's own containerd, with the images
// this project builds: a pod sandbox (the pause image) on the host network,
// a busybox container that prints and exits, and its log in the CRI format.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Containerd } from '../../src/kubelet/containerd.js';
import type { CriClient } from '../../src/kubelet/cri/client.js';
import { ensureTestImages, PAUSE_IMAGE } from '../../src/kubelet/images/test-images.js';
import { eventually } from '../helpers.js';

/** Removes a cgroup (and any left below it) from every v1 hierarchy and the unified one. */
function removeCgroup(parent: string): void {
  const roots = fs.readdirSync('/sys/fs/cgroup').map((h) => path.join('/sys/fs/cgroup', h));
  for (const root of roots) {
    const dir = path.join(root, parent);
    if (!fs.existsSync(dir)) continue;
    const children = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const child of children) fs.rmdirSync(path.join(dir, child.name));
    fs.rmdirSync(dir);
  }
}

describe('CRI on the node containerd', () => {
  it('runs a busybox container in a pause sandbox and keeps its output', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-cri-'));
    const cgroupParent = `/peapod-test-${randomBytes(4).toString('hex')}`;
    const containerd = new Containerd({ dir: path.join(dir, 'containerd'), sandboxImage: PAUSE_IMAGE, cniConfDir: path.join(dir, 'cni') });
    let podSandboxId: string | undefined;
    let started: CriClient | undefined;
    // One hook, in this order: the sandbox, then containerd, then its cgroups and files.
    t.after(async () => {
      if (started && podSandboxId) {
        await started.runtime.StopPodSandbox!({ podSandboxId });
        await started.runtime.RemovePodSandbox!({ podSandboxId });
      }
      started?.close();
      await containerd.stop();
      removeCgroup(cgroupParent);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const cri = (started = await containerd.start());
    await containerd.importImages(await ensureTestImages());

    const logDirectory = path.join(dir, 'pods', 'hello');
    fs.mkdirSync(logDirectory, { recursive: true });
    const sandboxConfig = {
      metadata: { name: 'hello', namespace: 'default', uid: randomBytes(8).toString('hex'), attempt: 0 },
      logDirectory,
      linux: { cgroupParent, securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
    };
    ({ podSandboxId } = (await cri.runtime.RunPodSandbox!({ config: sandboxConfig })) as { podSandboxId: string });
    const { containerId } = (await cri.runtime.CreateContainer!({
      podSandboxId,
      sandboxConfig,
      config: {
        metadata: { name: 'app', attempt: 0 },
        image: { image: 'docker.io/library/busybox:latest' },
        command: ['sh', '-c', 'echo hello from busybox; echo oops >&2'],
        logPath: 'app/0.log',
        linux: { resources: {}, securityContext: {} },
      },
    })) as { containerId: string };
    await cri.runtime.StartContainer!({ containerId });
    const status = await eventually(
      async () => {
        const s = ((await cri.runtime.ContainerStatus!({ containerId })) as { status: { state: string; exitCode: number } }).status;
        return s.state === 'CONTAINER_EXITED' ? s : undefined;
      },
      20_000,
      'the container to exit',
    );
    assert.equal(status.exitCode, 0);
    const log = fs.readFileSync(path.join(logDirectory, 'app', '0.log'), 'utf8').trim().split('\n');
    assert.match(log[0]!, /^\S+ stdout F hello from busybox$/);
    assert.match(log[1]!, /^\S+ stderr F oops$/);
  });
});
