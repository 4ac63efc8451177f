// `peapod server`: brings up every part of the control plane that exists and
// runs until SIGINT/SIGTERM: the datastore and its compactor, the API server
// with its event expiry, then — talking to the API through in-process
// clients and shared informers — the scheduler, the namespace, node
// lifecycle and taint eviction controllers, any simulated nodes, cluster
// DNS (published as the kube-dns service), and — unless --disable-agent —
// this machine as a node running real containers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeKubeconfig, kubeconfig } from '../apiserver/kubeconfig.js';
import { EventReaper } from '../apiserver/event-ttl.js';
import { ensureCertificates } from '../apiserver/pki.js';
import { DEFAULT_SERVICE_RANGES, defaultClusterDNS, isServiceIP, parseCidr, parsePortRange } from '../apiserver/registry/core/service-allocator.js';
import { Resources, RESOURCE_TYPES } from '../apiserver/resources.js';
import { ApiServer } from '../apiserver/server.js';
import { clusterClients } from '../dns/clients.js';
import { kubeDnsService } from '../dns/kube-dns.js';
import { detectNodeIP } from '../kubelet/agent.js';
import { defaultResolvConf, hostDnsConfig } from '../kubelet/pod-dns.js';
import { DEFAULT_REGISTRIES_FILE } from '../kubelet/registries.js';
import { DEFAULT_SIMULATED_CAPACITY } from '../kubelet/simulated.js';
import { startComponents } from './components.js';
import { count, parseCapacity, parseDuration } from './flags.js';
import { Compactor, DEFAULT_COMPACTION } from '../storage/compactor.js';
import { defaultDatabaseFile, openStore } from '../storage/index.js';

const HELP = `Usage: peapod server [flags]

Flags:
  --data-dir DIR              Where the cluster keeps its state (default /var/lib/peapod)
  --datastore-endpoint URL    sqlite://FILE (default DIR/server/db/state.db)
  --https-listen-port PORT    Port of the API server (default 6443)
  --bind-address ADDR         Address the API server listens on (default: all)
  --event-ttl DURATION        How long events are kept (default 1h)
  --datastore-compact-interval DURATION
                              How much history the datastore keeps before compacting it
                              (default 5m; e.g. 30s, 500ms)
  --disable-scheduler         Run no scheduler (pods wait for one of your own)
  --disable-controller-manager
                              Run no controllers (workloads, garbage collector, namespaces, node lifecycle)
  --disable-agent             Run no node on this machine (control plane only)
  --disable-kube-proxy        Run no service proxy on this node (no iptables rules for services)
  --node-name NAME            This machine's node name (default: the hostname)
  --node-ip ADDR              This node's InternalIP (default: the first non-loopback IPv4)
  --cluster-cidr CIDR         Pod addresses of the cluster; this node takes the first /24
                              (default 10.42.0.0/16)
  --service-cidr CIDR         ClusterIPs of services; the first is the kubernetes service's
                              (default 10.43.0.0/16)
  --service-node-port-range RANGE
                              Ports NodePort services take (default 30000-32767)
  --cluster-domain DOMAIN     The cluster's DNS domain (default cluster.local)
  --cluster-dns IP            The cluster DNS address pods resolve through: the kube-dns
                              service's ClusterIP (default: the service CIDR's tenth
                              address, 10.43.0.10)
  --dns-listen ADDR:PORT      Where cluster DNS listens; the kube-dns service leads there
                              (default: the node's InternalIP, port 53, when this machine
                              runs a node, skipped if that is taken; with --disable-agent,
                              no DNS unless given). It answers only pods and this machine
  --resolv-conf FILE          The node's resolver config: pods with dnsPolicy Default get
                              it, ClusterFirst pods its search list (default /etc/resolv.conf,
                              or systemd-resolved's upstream list when that names only loopback)
  --dns-upstream LIST         Resolvers for names outside the cluster, IP or IP:PORT,
                              comma-separated, or none (default: --resolv-conf's nameservers)
  --cni-bridge NAME           Linux bridge of this node's pod network (default cni0)
  --cgroup-parent PATH        cgroup the node's pods go under (default /peapod)
  --private-registry FILE     Registry mirrors and credentials, in k3s's registries.yaml
                              format (default /etc/peapod/registries.yaml)
  --simulated-nodes N         Also run N simulated nodes (sim-0 ... sim-N-1) whose pods
                              run without containers, as kwok's do (default 0)
  --simulated-node-capacity LIST
                              What each simulated node offers
                              (default cpu=32,memory=256Gi,pods=110,ephemeral-storage=1Ti)
  --node-lease-duration DURATION
                              Lease duration simulated nodes announce; they renew every
                              quarter of it (default 40s)
  --node-monitor-period DURATION
                              How often nodes' health is checked (default 5s)
  --node-monitor-grace-period DURATION
                              Silence after which a node is NotReady/Unknown (default 50s)
  --node-startup-grace-period DURATION
                              The same for a node never Ready yet (default 1m)
  --default-not-ready-toleration-seconds N
  --default-unreachable-toleration-seconds N
                              How long pods stay on a not-ready/unreachable node before
                              eviction, unless they say otherwise (default 300)
`;

export async function runServer(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string', default: '/var/lib/peapod' },
      'datastore-endpoint': { type: 'string' },
      'https-listen-port': { type: 'string', default: '6443' },
      'bind-address': { type: 'string' },
      'datastore-compact-interval': { type: 'string', default: '5m' },
      'event-ttl': { type: 'string', default: '1h' },
      'disable-scheduler': { type: 'boolean', default: false },
      'disable-controller-manager': { type: 'boolean', default: false },
      'disable-agent': { type: 'boolean', default: false },
      'disable-kube-proxy': { type: 'boolean', default: false },
      'node-name': { type: 'string', default: os.hostname() },
      'node-ip': { type: 'string' },
      'cluster-cidr': { type: 'string', default: '10.42.0.0/16' },
      'cluster-domain': { type: 'string', default: 'cluster.local' },
      'cluster-dns': { type: 'string' },
      'resolv-conf': { type: 'string', default: defaultResolvConf() },
      'dns-listen': { type: 'string' },
      'dns-upstream': { type: 'string' },
      'service-cidr': { type: 'string', default: DEFAULT_SERVICE_RANGES.cidr },
      'service-node-port-range': { type: 'string', default: '30000-32767' },
      'cni-bridge': { type: 'string', default: 'cni0' },
      'cgroup-parent': { type: 'string', default: '/peapod' },
      'private-registry': { type: 'string', default: DEFAULT_REGISTRIES_FILE },
      'simulated-nodes': { type: 'string', default: '0' },
      'simulated-node-capacity': { type: 'string' },
      'node-lease-duration': { type: 'string', default: '40s' },
      'node-monitor-period': { type: 'string', default: '5s' },
      'node-monitor-grace-period': { type: 'string', default: '50s' },
      'node-startup-grace-period': { type: 'string', default: '1m' },
      'default-not-ready-toleration-seconds': { type: 'string', default: '300' },
      'default-unreachable-toleration-seconds': { type: 'string', default: '300' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values['https-listen-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--https-listen-port must be a port number, not "${values['https-listen-port']}"`);
  }
  const dataDir = path.resolve(values['data-dir']);
  const endpoint = values['datastore-endpoint'] ?? `sqlite://${defaultDatabaseFile(dataDir)}`;
  // Bad ranges fail here, before the datastore opens.
  const serviceRanges = { cidr: values['service-cidr'], nodePorts: parsePortRange(values['service-node-port-range']) };
  parseCidr(serviceRanges.cidr);
  const clusterDNS = values['cluster-dns'] ?? defaultClusterDNS(serviceRanges.cidr);
  if (!isServiceIP(clusterDNS, serviceRanges.cidr)) throw new Error(`--cluster-dns must be an address in the service CIDR ${serviceRanges.cidr}, not "${clusterDNS}"`);
  const nodeIP = values['node-ip'] ?? detectNodeIP(values['cni-bridge']);
  const dnsListen = values['dns-listen'] ? dnsListenAddress(values['dns-listen']) : values['disable-agent'] ? undefined : { host: nodeIP, port: 53 };
  const store = openStore(endpoint);
  const compactor = new Compactor(
    store,
    { ...DEFAULT_COMPACTION, intervalMs: parseDuration(values['datastore-compact-interval']) },
    (err) => log(`compaction failed: ${err.message}`),
  );
  compactor.start();
  const certs = await ensureCertificates(path.join(dataDir, 'server', 'tls'));
  const resources = new Resources(store, RESOURCE_TYPES, serviceRanges);
  const admission = {
    notReadyTolerationSeconds: count(values['default-not-ready-toleration-seconds'], '--default-not-ready-toleration-seconds'),
    unreachableTolerationSeconds: count(values['default-unreachable-toleration-seconds'], '--default-unreachable-toleration-seconds'),
  };
  const api = new ApiServer({ resources, certs, port, host: values['bind-address'], advertiseAddress: advertiseAddress(values['bind-address'], nodeIP), log, admission });
  const listening = await api.start();
  const components = await startComponents(api.handlers, {
    disableScheduler: values['disable-scheduler'],
    disableControllerManager: values['disable-controller-manager'],
    dns: dnsListen && {
      ...dnsListen,
      domain: values['cluster-domain'],
      upstreams: dnsUpstreams(values['dns-upstream'], values['resolv-conf']),
      clients: clusterClients(values['cluster-cidr']),
      // The default listener gives way to whatever already holds port 53 there; one the user asked for must start.
      optional: !values['dns-listen'],
    },
    simulatedNodes: count(values['simulated-nodes'], '--simulated-nodes'),
    simulatedCapacity: values['simulated-node-capacity'] ? parseCapacity(values['simulated-node-capacity'], '--simulated-node-capacity') : DEFAULT_SIMULATED_CAPACITY,
    leaseDurationS: parseDuration(values['node-lease-duration']) / 1000,
    agent: values['disable-agent']
      ? undefined
      : {
          dataDir,
          nodeName: values['node-name'],
          nodeIP,
          podCIDR: firstNodeCidr(values['cluster-cidr']),
          bridge: values['cni-bridge'],
          cgroupParent: values['cgroup-parent'],
          controlPlane: true,
          registriesFile: values['private-registry'],
          serviceProxy: values['disable-kube-proxy'] ? undefined : { clusterCIDR: values['cluster-cidr'] },
          leaseDurationS: parseDuration(values['node-lease-duration']) / 1000,
          dns: { clusterDNS: [clusterDNS], clusterDomain: values['cluster-domain'], resolvConf: values['resolv-conf'] },
        },
    nodeLifecycle: {
      monitorPeriodMs: parseDuration(values['node-monitor-period']),
      gracePeriodMs: parseDuration(values['node-monitor-grace-period']),
      startupGracePeriodMs: parseDuration(values['node-startup-grace-period']),
    },
    log,
  });
  if (components.agent) api.nodes.register(values['node-name'], components.agent.streaming);
  if (components.dns) {
    // Its address may be taken already (a service made while DNS was off): DNS still answers on the listener.
    await api.served.keep(kubeDnsService(clusterDNS, components.dns)).catch((err: Error) => log(`kube-dns service: ${err.message}`));
  }
  const eventReaper = new EventReaper(resources, parseDuration(values['event-ttl']), (err) => log(`event expiry: ${String(err)}`));
  eventReaper.start();
  const kubeconfigFile = path.join(dataDir, 'kubeconfig.yaml');
  writeKubeconfig(kubeconfigFile, kubeconfig(certs, `https://127.0.0.1:${listening}`));
  log(`API server listening on port ${listening}; datastore ${endpoint} at revision ${await store.currentRevision()}`);
  log(`admin kubeconfig: ${kubeconfigFile}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('shutting down');
  await components.stop();
  await eventReaper.stop();
  await api.stop();
  await compactor.stop();
  await store.close();
  return 0;
}

/** The server's own node takes the cluster CIDR's first /24, as k3s's first node does. */
function firstNodeCidr(clusterCidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(clusterCidr);
  if (!m || Number(m[5]) > 24) throw new Error(`--cluster-cidr must be an IPv4 CIDR of /24 or larger, not "${clusterCidr}"`);
  return `${m[1]}.${m[2]}.${m[3]}.0/24`;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} peapod server: ${message}\n`);
}

/**
 * Where the `kubernetes` service's endpoints say the API server is: its bind
 * address when that is one others can reach, else the node's address (as
 * upstream's --advertise-address defaults).
 */
function advertiseAddress(bindAddress: string | undefined, nodeIP: string): string {
  return bindAddress && bindAddress !== '0.0.0.0' && !bindAddress.startsWith('127.') ? bindAddress : nodeIP;
}

/**
 * --dns-listen: a specific address, since it is the kube-dns endpoint pods
 * are sent to — and a UDP socket on 0.0.0.0 answers from whichever address
 * routing picks (the bridge's, for a pod), a reply the pod's conntrack
 * entry does not match and its resolver drops.
 */
function dnsListenAddress(text: string): { host: string; port: number } {
  const listen = parseListen(text, '--dns-listen');
  if (listen.host === '0.0.0.0') throw new Error(`--dns-listen needs the address pods reach it at (e.g. the node's, ${detectNodeIP('cni0')}:53), not 0.0.0.0`);
  return listen;
}

/** ADDR:PORT (IPv4) for a listener. */
function parseListen(text: string, flag: string): { host: string; port: number } {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) throw new Error(`${flag} takes ADDR:PORT, e.g. 10.42.0.1:53, not "${text}"`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** The resolvers cluster DNS forwards to: the flag's list, or the node's own (--resolv-conf), as k3s's CoreDNS forwards to its node's. */
function dnsUpstreams(flag: string | undefined, resolvConf: string): string[] {
  if (flag === 'none') return [];
  if (flag) return flag.split(',').map((s) => s.trim()).filter(Boolean);
  return fs.existsSync(resolvConf) ? hostDnsConfig(resolvConf).servers : [];
}
