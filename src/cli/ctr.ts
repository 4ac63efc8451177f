// `peapod ctr ...`: containerd's ctr bound to this node's own containerd
// (its socket under DATA/agent/containerd) and the CRI's k8s.io namespace,
// as `k3s ctr` is: `peapod ctr images import x.tar`, `peapod ctr images ls`.
import fs from 'node:fs';
import { agentContainerdDir, socketPath } from '../kubelet/containerd.js';
import { passThrough, splitDataDir } from './passthrough.js';

export async function runCtr(argv: string[]): Promise<number> {
  const { dataDir, args } = splitDataDir(argv);
  const socket = socketPath(agentContainerdDir(dataDir));
  if (!fs.existsSync(socket)) {
    process.stderr.write(`peapod ctr: ${socket} does not exist: is this node's containerd running (data dir ${dataDir})?\n`);
    return 1;
  }
  return passThrough('ctr', 'ctr', ['--address', socket, '--namespace', 'k8s.io', ...args]);
}
