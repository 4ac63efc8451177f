// The node's pod network as a CNI conflist in its own conf dir (which
// containerd watches): a bridge of the node's own name acting as the pods'
// gateway with masquerading out, host-local addresses from the node's pod
// CIDR (state under the data dir), portmap for hostPort, and loopback —
// the combination checked to work on these machines (RUNTIME-NOTES).
import fs from 'node:fs';
import path from 'node:path';

export interface PodNetwork {
  /** The CNI network's name; also prefixes containerd's result cache files. */
  name: string;
  /** The Linux bridge, one per node (tests give each cluster its own). */
  bridge: string;
  /** This node's pod CIDR, e.g. 10.42.0.0/24. */
  subnet: string;
  /** Where host-local keeps its allocations. */
  ipamDir: string;
}

export function conflist(n: PodNetwork): object {
  return {
    cniVersion: '0.4.0',
    name: n.name,
    plugins: [
      {
        type: 'bridge',
        bridge: n.bridge,
        isGateway: true,
        ipMasq: true,
        hairpinMode: true,
        ipam: { type: 'host-local', dataDir: n.ipamDir, ranges: [[{ subnet: n.subnet }]], routes: [{ dst: '0.0.0.0/0' }] },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
      { type: 'loopback' },
    ],
  };
}

/** Where a node keeps the CNI conflist containerd reads, as k3s lays out its agent: DATA/agent/etc/cni/net.d. */
export const agentCniConfDir = (dataDir: string) => path.join(dataDir, 'agent', 'etc', 'cni', 'net.d');

/** Writes the conflist into containerd's CNI conf dir (atomically: containerd picks it up when it appears). */
export function writeConflist(confDir: string, network: PodNetwork): void {
  fs.mkdirSync(confDir, { recursive: true });
  const file = path.join(confDir, '10-peapod.conflist');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(conflist(network), null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
