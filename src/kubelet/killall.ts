// What k3s-killall.sh does for a node, as a function: with the server
// stopped, starts the node's containerd once more (in the node's network
// namespace, so CNI can tear down pod networking), stops and removes every
// pod sandbox and its containers, and stops containerd again. Used to clear a
// node away for good (tests, benchmarks), never on a plain restart — the
// containers are meant to outlive the agent.
import fs from 'node:fs';
import path from 'node:path';
import { agentCniConfDir } from './cni.js';
import { agentContainerdDir, Containerd } from './containerd.js';
import { PAUSE_IMAGE } from './images/test-images.js';
import { unmountBelow } from './volumes.js';

export async function removeAllPods(dataDir: string, netns?: string): Promise<void> {
  const dir = agentContainerdDir(dataDir);
  if (!fs.existsSync(dir)) return;
  const containerd = new Containerd({ dir, sandboxImage: PAUSE_IMAGE, cniConfDir: agentCniConfDir(dataDir), netns });
  const cri = await containerd.start();
  try {
    const { items } = (await cri.runtime.ListPodSandbox!({})) as { items: { id: string }[] };
    for (const { id } of items) {
      await cri.runtime.StopPodSandbox!({ podSandboxId: id });
      await cri.runtime.RemovePodSandbox!({ podSandboxId: id });
    }
  } finally {
    cri.close();
    await containerd.stop();
  }
  // Memory-backed emptyDir volumes are mounts of their own (k3s-killall.sh unmounts them too).
  unmountBelow(path.join(dataDir, 'agent', 'pods'));
}
