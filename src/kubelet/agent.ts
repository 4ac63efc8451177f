// A real node, as k3s's agent half brings one up: its own containerd under
// DATA/agent/containerd, the pod network's CNI conflist, the images (the
// ones this project builds, and any tarball dropped into DATA/agent/images),
// the Node with its Lease heartbeat, the kubelet and the service proxy.
// Stopping it leaves the containers running (their shims outlive
// containerd); the next start adopts them. The proxy's rules go with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiClient } from '../client/client.js';
import { NODES } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import type { Informers } from '../client/informers.js';
import type { Node } from '../apiserver/registry/core/types.js';
import { Proxier } from '../proxy/proxier.js';
import { agentCniConfDir, writeConflist } from './cni.js';
import { agentContainerdDir, Containerd } from './containerd.js';
import { NodeHeartbeat } from './heartbeat.js';
import type { NodeDescription } from './node-status.js';
import { cachedImages, ensureTestImages, PAUSE_IMAGE } from './images/test-images.js';
import { Kubelet } from './kubelet.js';
import type { ClusterDnsSettings } from './pod-dns.js';
import { registryConfig } from './registries.js';
import { PodRuntime } from './runtime.js';
import { KubeletStreaming } from './streaming.js';

const IMAGE_REFRESH_MS = 60_000;

export interface AgentOptions {
  dataDir: string;
  nodeName: string;
  /** The node's InternalIP; found from the interfaces when unset. */
  nodeIP?: string;
  /** This node's pod CIDR within the cluster CIDR (the first node has 10.42.0.0/24, as with k3s). */
  podCIDR: string;
  /** Linux bridge of the pod network. */
  bridge: string;
  /** cgroup every pod's containers go under. */
  cgroupParent: string;
  controlPlane: boolean;
  leaseDurationS: number;
  /** k3s's registries.yaml: mirrors and credentials for pulls. */
  registriesFile: string;
  /** The cluster's pod CIDR, for the service proxy; no proxy without it (k3s's --disable-kube-proxy). */
  serviceProxy?: { clusterCIDR: string };
  /** What pods' resolv.conf is made from (--cluster-dns, --cluster-domain, --resolv-conf). */
  dns: ClusterDnsSettings;
  log: (message: string) => void;
}

export interface Agent {
  kubelet: Kubelet;
  runtime: PodRuntime;
  /** Logs, exec, attach and port-forward for the API server. */
  streaming: KubeletStreaming;
  stop(): Promise<void>;
}

/** The first IPv4 address that is not loopback or one of the pod network's own interfaces. */
export function detectNodeIP(bridge: string): string {
  for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
    if (name === bridge || name.startsWith('veth') || name.startsWith('cni')) continue;
    const v4 = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (v4) return v4.address;
  }
  return '127.0.0.1';
}

/** What the machine offers, as the kubelet's cadvisor would read it. */
function machineCapacity(dataDir: string): Record<string, string> {
  const disk = fs.statfsSync(dataDir);
  return {
    cpu: String(os.cpus().length),
    memory: `${Math.floor(os.totalmem() / 1024)}Ki`,
    pods: '110',
    'ephemeral-storage': `${Math.floor((disk.blocks * disk.bsize) / 1024)}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
  };
}

/** The machine's own description, as the kubelet reads it for node status. */
function machineInfo() {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      return '';
    }
  };
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(read('/etc/os-release'))?.[1];
  return {
    kernelVersion: os.release(),
    osImage: pretty ?? 'Linux',
    machineID: read('/etc/machine-id'),
    bootID: read('/proc/sys/kernel/random/boot_id'),
    systemUUID: read('/sys/class/dmi/id/product_uuid').toLowerCase(),
  };
}

/**
 * Imports image tarballs not imported before (by path, size and mtime), as
 * k3s's auto-import folder does. The pause image goes first and is waited
 * for (no sandbox starts without it); the rest — nginx alone takes seconds
 * to unpack — is imported in the background, and resolves the promise
 * returned (`rest`), which the runtime waits on before calling an image missing.
 */
async function importImages(containerd: Containerd, dir: string, log: (message: string) => void): Promise<{ rest: Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  const dropped = fs.readdirSync(dir).filter((f) => /\.(tar|tar\.gz|tgz|tar\.zst)$/.test(f)).map((f) => path.join(dir, f));
  // `npm start`/`npm test` build the images; a bare `peapod server` builds them on its first start.
  const files = [...(cachedImages() ?? (await ensureTestImages(log))), ...dropped];
  const stampFile = path.join(dir, '.imported');
  const id = (f: string) => {
    const s = fs.statSync(f);
    return `${f}:${s.size}:${s.mtimeMs}`;
  };
  const done = new Set(fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').split('\n') : []);
  const todo = files.filter((f) => !done.has(id(f)));
  const importGroup = async (group: string[]) => {
    if (!group.length) return;
    log(`importing images: ${group.map((f) => path.basename(f)).join(', ')}`);
    await containerd.importImages(group);
    for (const f of group) done.add(id(f));
    fs.writeFileSync(stampFile, [...done].join('\n'));
  };
  const isPause = (f: string) => path.basename(f).startsWith('pause-');
  await importGroup(todo.filter(isPause));
  return { rest: importGroup(todo.filter((f) => !isPause(f))).catch((err: Error) => log(`importing images failed: ${err.message}`)) };
}

export async function startAgent(client: ApiClient, informers: Informers, recorder: EventRecorder, o: AgentOptions): Promise<Agent> {
  const agentDir = path.join(o.dataDir, 'agent');
  const cniConfDir = agentCniConfDir(o.dataDir);
  writeConflist(cniConfDir, { name: 'peapod', bridge: o.bridge, subnet: o.podCIDR, ipamDir: path.join(agentDir, 'cni', 'ipam') });
  const containerd = new Containerd({ dir: agentContainerdDir(o.dataDir), sandboxImage: PAUSE_IMAGE, cniConfDir, registries: registryConfig(o.registriesFile), log: o.log });
  const cri = await containerd.start();
  let imported: Promise<void>;
  try {
    imported = (await importImages(containerd, path.join(agentDir, 'images'), o.log)).rest;
  } catch (err) {
    cri.close();
    await containerd.stop();
    throw err;
  }
  const runtime = new PodRuntime(cri, imported);
  const version = (await cri.runtime.Version!({})) as { runtimeName: string; runtimeVersion: string };
  const nodeIP = o.nodeIP ?? detectNodeIP(o.bridge);
  const capacity = machineCapacity(o.dataDir);
  const nodes = informers.for<Node>(NODES);
  const description: NodeDescription = {
    name: o.nodeName,
    internalIP: nodeIP,
    capacity,
    podCIDR: o.podCIDR,
    controlPlane: o.controlPlane,
    machine: machineInfo(),
    images: await runtime.images(),
    runtimeVersion: `${version.runtimeName}://${version.runtimeVersion}`,
  };
  // The image list goes out with the next status report (pulls and imports change it).
  const imageRefresh = setInterval(() => void runtime.images().then((images) => (description.images = images), () => {}), IMAGE_REFRESH_MS);
  imageRefresh.unref();
  const heartbeat = new NodeHeartbeat(
    client,
    description,
    () => nodes.get(o.nodeName),
    o.leaseDurationS,
    o.log,
  );
  await heartbeat.start();
  // Once the background imports are in, the node says so at once.
  void imported
    .then(async () => {
      description.images = await runtime.images();
      await heartbeat.reportStatus();
    })
    .catch((err: Error) => o.log(`reporting images: ${err.message}`));
  const kubelet = new Kubelet(
    client,
    informers,
    runtime,
    recorder,
    {
      node: { name: o.nodeName, ip: nodeIP, allocatable: capacity },
      sandbox: { logsDir: path.join(agentDir, 'logs', 'pods'), cgroupParent: o.cgroupParent, dns: o.dns },
      podsDir: path.join(agentDir, 'pods'),
    },
    o.log,
  );
  kubelet.start();
  const proxier = o.serviceProxy ? new Proxier(informers, { clusterCIDR: o.serviceProxy.clusterCIDR, nodeName: o.nodeName, log: (m) => o.log(`proxy: ${m}`) }) : undefined;
  await proxier?.start();
  o.log(`node ${o.nodeName} (${nodeIP}, pods ${o.podCIDR}) is running containers through ${version.runtimeName} ${version.runtimeVersion}`);
  return {
    kubelet,
    runtime,
    streaming: new KubeletStreaming(runtime),
    async stop() {
      await proxier?.stop();
      clearInterval(imageRefresh);
      heartbeat.stop();
      await kubelet.stop();
      cri.close();
      await containerd.stop();
    },
  };
}
