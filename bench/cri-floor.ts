// The floor under the node figures, measured on the same machine in the
// same run: pods started straight through CRI from one process (sandbox,
// create, start — no API server, scheduler or kubelet), one at a time and
// 30 at once, on a containerd and CNI bridge set up as a node's are. The
// machine's speed varies from hour to hour; the node rows read against
// these.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { agentCniConfDir, writeConflist } from '../src/kubelet/cni.js';
import { Containerd } from '../src/kubelet/containerd.js';
import type { CriClient } from '../src/kubelet/cri/client.js';
import { cachedImages, ensureTestImages, PAUSE_IMAGE } from '../src/kubelet/images/test-images.js';
import { removeAllPods } from '../src/kubelet/killall.js';
import { createNetns, removeCgroup, removeNetns } from '../test/netns.js';

async function startPod(cri: CriClient, dir: string, cgroupParent: string, name: string): Promise<number> {
  const began = performance.now();
  const logDirectory = path.join(dir, 'logs', name);
  fs.mkdirSync(logDirectory, { recursive: true });
  const config = {
    metadata: { name, namespace: 'default', uid: name, attempt: 0 },
    hostname: name,
    logDirectory,
    linux: { cgroupParent, securityContext: { namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
  };
  const { podSandboxId } = (await cri.runtime.RunPodSandbox!({ config })) as { podSandboxId: string };
  const { containerId } = (await cri.runtime.CreateContainer!({
    podSandboxId,
    sandboxConfig: config,
    config: { metadata: { name: 'main', attempt: 0 }, image: { image: 'busybox' }, command: ['sleep', '3600'], logPath: 'main/0.log', linux: { resources: {}, securityContext: {} } },
  })) as { containerId: string };
  await cri.runtime.StartContainer!({ containerId });
  return performance.now() - began;
}

/** Milliseconds to a running container for single pods, and for each of 30 started together. */
export async function criFloor(id: string): Promise<{ singleMs: number[]; burstMs: number[] }> {
  const ns = createNetns(`peapod-floor-${id}`);
  const cgroupParent = `/peapod-floor-${id}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peapod-bench-floor-'));
  const cniConfDir = agentCniConfDir(dir);
  writeConflist(cniConfDir, { name: 'peapod', bridge: 'cni0', subnet: '10.42.0.0/24', ipamDir: path.join(dir, 'agent', 'cni', 'ipam') });
  const containerd = new Containerd({ dir: path.join(dir, 'agent', 'containerd'), sandboxImage: PAUSE_IMAGE, cniConfDir, netns: ns.name });
  const cri = await containerd.start();
  try {
    await containerd.importImages(cachedImages() ?? (await ensureTestImages()));
    const singleMs: number[] = [];
    for (let i = 0; i < 7; i++) singleMs.push(await startPod(cri, dir, cgroupParent, `single-${i}`));
    const burstMs = await Promise.all(Array.from({ length: 30 }, (_, i) => startPod(cri, dir, cgroupParent, `burst-${i}`)));
    return { singleMs, burstMs };
  } finally {
    cri.close();
    await containerd.stop();
    await removeAllPods(dir, ns.name);
    removeNetns(ns.name);
    removeCgroup(cgroupParent);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
