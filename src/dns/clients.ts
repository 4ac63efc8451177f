// Who may ask cluster DNS: the pods (the cluster CIDR), this machine itself
// (loopback and its own addresses: host-network pods, the node) — not every
// host that can reach the node's address. Without it, a node on a public
// address would be an open recursive resolver, and would tell anyone the
// cluster's service names and pod addresses; k3s's CoreDNS is reachable
// only from the pod network for the same reason.
import net from 'node:net';
import os from 'node:os';

export function clusterClients(clusterCidr: string): net.BlockList {
  const clients = new net.BlockList();
  const [base, bits] = clusterCidr.split('/');
  clients.addSubnet(base!, Number(bits), 'ipv4');
  clients.addSubnet('127.0.0.0', 8, 'ipv4');
  clients.addAddress('::1', 'ipv6');
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) clients.addAddress(a.address, a.family === 'IPv6' ? 'ipv6' : 'ipv4');
  }
  return clients;
}
