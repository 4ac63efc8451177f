// A network namespace for one test cluster (or benchmark run): loopback up
// and a veth pair inside it, one end carrying the node's address and a
// default route, so the node has an address of its own and nothing it does
// (bridge, veths, iptables rules) touches the host's network. `remove`
// deletes it with everything in it, and the cgroups left under the node's
// cgroup parent.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const NODE_IP = '10.99.0.2';
const OUTSIDE_GATEWAY = '10.98.0.1';
export const OUTSIDE_CLIENT_IP = '10.98.0.2';

/** argv run in network namespace `name` only (`ip netns exec` would also remount /sys, hiding the cgroups runc needs). */
export const inNetnsArgv = (name: string, argv: string[]): string[] => ['nsenter', `--net=/var/run/netns/${name}`, ...argv];

export interface TestNetns {
  name: string;
  /** Runs argv in the namespace (only the network one: `ip netns exec` would hide cgroups). */
  command(argv: string[]): string[];
}

export function createNetns(name: string): TestNetns {
  execFileSync('ip', ['netns', 'add', name]);
  const ipn = (...args: string[]) => execFileSync('ip', ['-n', name, ...args]);
  ipn('link', 'set', 'lo', 'up');
  // A veth pair with both ends inside (no dummy module on these machines).
  ipn('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0p');
  ipn('addr', 'add', `${NODE_IP}/24`, 'dev', 'eth0');
  ipn('link', 'set', 'eth0', 'up');
  ipn('link', 'set', 'eth0p', 'up');
  ipn('route', 'add', 'default', 'via', '10.99.0.1');
  return { name, command: (argv) => inNetnsArgv(name, argv) };
}

/**
 * A machine outside the cluster: another namespace joined to the node's by a
 * veth (node side OUTSIDE_GATEWAY, this side OUTSIDE_CLIENT_IP, its default
 * route through the node), so its packets arrive on one of the node's
 * interfaces as a neighbour's would. Removing it takes the veth pair away.
 */
export function createOutsideClient(nodeNetns: string, name: string): TestNetns {
  execFileSync('ip', ['netns', 'add', name]);
  const ipc = (...args: string[]) => execFileSync('ip', ['-n', name, ...args]);
  const ipn = (...args: string[]) => execFileSync('ip', ['-n', nodeNetns, ...args]);
  ipc('link', 'set', 'lo', 'up');
  ipc('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'outside0', 'netns', nodeNetns);
  ipc('addr', 'add', `${OUTSIDE_CLIENT_IP}/24`, 'dev', 'eth0');
  ipc('link', 'set', 'eth0', 'up');
  ipc('route', 'add', 'default', 'via', OUTSIDE_GATEWAY);
  ipn('addr', 'add', `${OUTSIDE_GATEWAY}/24`, 'dev', 'outside0');
  ipn('link', 'set', 'outside0', 'up');
  return { name, command: (argv) => inNetnsArgv(name, argv) };
}

export function removeNetns(name: string): void {
  execFileSync('ip', ['netns', 'del', name]);
}

/** Removes a cgroup (and those left below it) from every hierarchy. */
export function removeCgroup(parent: string): void {
  for (const hierarchy of fs.readdirSync('/sys/fs/cgroup')) {
    const dir = path.join('/sys/fs/cgroup', hierarchy, parent);
    if (!fs.existsSync(dir)) continue;
    for (const child of fs.readdirSync(dir, { withFileTypes: true })) if (child.isDirectory()) fs.rmdirSync(path.join(dir, child.name));
    fs.rmdirSync(dir);
  }
}
