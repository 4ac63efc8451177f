// `peapod kubectl ...`: the real kubectl, pointed at this server's admin
// kubeconfig (DATA/kubeconfig.yaml), as `k3s kubectl` is.
import fs from 'node:fs';
import path from 'node:path';
import { passThrough, splitDataDir } from './passthrough.js';

export async function runKubectl(argv: string[]): Promise<number> {
  const { dataDir, args } = splitDataDir(argv);
  const kubeconfig = process.env.KUBECONFIG || path.join(dataDir, 'kubeconfig.yaml');
  if (!fs.existsSync(kubeconfig)) {
    process.stderr.write(`peapod kubectl: ${kubeconfig} does not exist: is peapod server running with --data-dir ${dataDir}?\n`);
    return 1;
  }
  return passThrough('kubectl', process.env.PEAPOD_KUBECTL ?? 'kubectl', args, { ...process.env, KUBECONFIG: kubeconfig });
}
