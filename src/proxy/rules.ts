// The service proxy's decision, as a pure function: from Services, their
// EndpointSlices and the cluster CIDR to the chains and rules of the nat
// and filter tables, in upstream kube-proxy's iptables shape (KUBE-SERVICES
// → KUBE-SVC-<hash> → KUBE-SEP-<hash> → DNAT; NodePorts through
// KUBE-NODEPORTS → KUBE-EXT-<hash>; a 0x4000 mark for what must be
// masqueraded; REJECT in filter for ports without endpoints), so an
// `iptables-save` of a node reads as a Kubernetes engineer expects. Rules
// are written as iptables-save prints them back, and `restoreText` turns
// them into input for `iptables-restore --noflush`.
import { createHash } from 'node:crypto';
import type { Endpoint, EndpointSlice } from '../apiserver/registry/discovery/endpointslices.js';
import type { KubeObject } from '../apiserver/registry/types.js';

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  nodePort?: number;
}

export type Service = KubeObject & {
  spec?: {
    type?: string;
    clusterIP?: string;
    ports?: ServicePort[];
    externalIPs?: string[];
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: string;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string }[] } };
};

export interface ProxyOptions {
  /** Pod addresses: traffic to a cluster IP from elsewhere (the node, outside) is masqueraded, as upstream's --cluster-cidr. */
  clusterCIDR: string;
  /** This node: externalTrafficPolicy Local sends outside traffic only to endpoints here. */
  nodeName: string;
}

/** Rules (without `-A CHAIN`) by chain, in the order chains and rules are written. */
export type Chains = Map<string, string[]>;

export interface ProxyRules {
  filter: Chains;
  nat: Chains;
}

export const TABLES = ['filter', 'nat'] as const;
export type Table = (typeof TABLES)[number];

/** A jump from a built-in chain into ours, with upstream's comment and match. */
export interface Jump {
  table: Table;
  from: string;
  /** The rule's arguments after `-A FROM`, as iptables-save prints them. */
  rule: string;
}

export const MASQ_MARK = '0x4000';
const SERVICES = 'KUBE-SERVICES';
const EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
const NODEPORTS = 'KUBE-NODEPORTS';
const FORWARD = 'KUBE-FORWARD';
const FIREWALL = 'KUBE-FIREWALL';
const MARK_MASQ = 'KUBE-MARK-MASQ';
const POSTROUTING = 'KUBE-POSTROUTING';
const DEFAULT_AFFINITY_TIMEOUT_S = 10800;

/** Chains we own outright, always present; the per-service ones come and go with services. */
export const FIXED_CHAINS: Record<Table, string[]> = {
  filter: [SERVICES, EXTERNAL_SERVICES, FORWARD, FIREWALL],
  nat: [SERVICES, NODEPORTS, MARK_MASQ, POSTROUTING],
};

/** Whether a chain name is one of the per-service chains this proxy makes. */
export const isServiceChain = (chain: string) => /^KUBE-(SVC|SVL|SEP|EXT)-[A-Z2-7]{16}$/.test(chain);

const comment = (text: string) => `-m comment --comment "${text}"`;

/** The jumps from the built-in chains, as upstream's iptablesJumpChains (the ones this proxy has chains for). */
export const JUMPS: Jump[] = [
  { table: 'filter', from: 'INPUT', rule: `-m conntrack --ctstate NEW ${comment('kubernetes externally-visible service portals')} -j ${EXTERNAL_SERVICES}` },
  { table: 'filter', from: 'FORWARD', rule: `-m conntrack --ctstate NEW ${comment('kubernetes externally-visible service portals')} -j ${EXTERNAL_SERVICES}` },
  { table: 'filter', from: 'FORWARD', rule: `-m conntrack --ctstate NEW ${comment('kubernetes service portals')} -j ${SERVICES}` },
  { table: 'filter', from: 'OUTPUT', rule: `-m conntrack --ctstate NEW ${comment('kubernetes service portals')} -j ${SERVICES}` },
  { table: 'filter', from: 'FORWARD', rule: `${comment('kubernetes forwarding rules')} -j ${FORWARD}` },
  { table: 'filter', from: 'INPUT', rule: `-j ${FIREWALL}` },
  { table: 'filter', from: 'OUTPUT', rule: `-j ${FIREWALL}` },
  { table: 'nat', from: 'PREROUTING', rule: `${comment('kubernetes service portals')} -j ${SERVICES}` },
  { table: 'nat', from: 'OUTPUT', rule: `${comment('kubernetes service portals')} -j ${SERVICES}` },
  { table: 'nat', from: 'POSTROUTING', rule: `${comment('kubernetes postrouting rules')} -j ${POSTROUTING}` },
];

/** The first 16 characters of base32(sha256(text)): upstream's chain-name hash. */
function hash16(text: string): string {
  const bytes = createHash('sha256').update(text).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 16) break;
    value &= (1 << bits) - 1;
  }
  return out;
}

/** `ns/name:port`, or `ns/name` for an unnamed port: upstream's ServicePortName. */
export const servicePortName = (svc: Service, port: ServicePort) => `${svc.metadata.namespace}/${svc.metadata.name}${port.name ? `:${port.name}` : ''}`;

export const serviceChain = (portName: string, protocol: string) => `KUBE-SVC-${hash16(portName + protocol)}`;
/** Like KUBE-SVC, with this node's endpoints only (externalTrafficPolicy Local). */
export const localChain = (portName: string, protocol: string) => `KUBE-SVL-${hash16(portName + protocol)}`;
export const externalChain = (portName: string, protocol: string) => `KUBE-EXT-${hash16(portName + protocol)}`;
export const endpointChain = (portName: string, protocol: string, endpoint: string) => `KUBE-SEP-${hash16(portName + protocol + endpoint)}`;

/** Stable orders, so that an unchanged cluster gives the same text (a collator made once: one per comparison is slow). */
const byNumbers = new Intl.Collator('en', { numeric: true }).compare;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Backend {
  ip: string;
  port: number;
  /** ip:port */
  address: string;
}

/**
 * The endpoints that get a service port's traffic: ready ones (a missing
 * condition means ready; terminating ones are not), or — when there are
 * none — those still serving while they terminate, as upstream's
 * ProxyTerminatingEndpoints falls back to. Deduplicated across slices.
 */
export function backendsFor(port: ServicePort, slices: EndpointSlice[], only: (endpoint: Endpoint) => boolean = () => true): Backend[] {
  const protocol = port.protocol ?? 'TCP';
  const ready = new Map<string, Backend>();
  const terminating = new Map<string, Backend>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const slicePort = (slice.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === protocol);
    if (slicePort?.port === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses[0];
      if (!ip || !only(endpoint)) continue;
      const c = endpoint.conditions ?? {};
      const backend = { ip, port: slicePort.port, address: `${ip}:${slicePort.port}` };
      if (c.ready !== false && c.terminating !== true) ready.set(backend.address, backend);
      else if (c.serving !== false && c.terminating === true) terminating.set(backend.address, backend);
    }
  }
  const chosen = ready.size ? ready : terminating;
  return [...chosen.values()].sort((a, b) => byNumbers(a.address, b.address));
}

/** Whether the proxy programs a service at all: ExternalName and headless services are DNS's alone. */
export const isProxied = (svc: Service) => svc.spec?.type !== 'ExternalName' && Boolean(svc.spec?.clusterIP) && svc.spec?.clusterIP !== 'None';

/** The addresses outside the cluster IP a service answers on: its externalIPs, then its load balancer's ingress IPs. */
export const externalAddresses = (svc: Service): string[] => [...(svc.spec?.externalIPs ?? []), ...(svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []))];

/** A port's node port, where the service type opens one. */
export const nodePortOf = (svc: Service, port: ServicePort): number | undefined => (svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer' ? port.nodePort : undefined);

const byKey = (a: KubeObject, b: KubeObject) => compareText(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`);

/** The whole of both tables' rules for these services. */
export function proxyRules(services: Service[], slicesOf: (svc: Service) => EndpointSlice[], options: ProxyOptions): ProxyRules {
  const filter: Chains = new Map(FIXED_CHAINS.filter.map((c) => [c, []]));
  const nat: Chains = new Map(FIXED_CHAINS.nat.map((c) => [c, []]));
  const add = (chains: Chains, chain: string, rule: string) => {
    let rules = chains.get(chain);
    if (!rules) chains.set(chain, (rules = []));
    rules.push(rule);
  };
  const natServices: string[] = [];

  for (const svc of [...services].filter(isProxied).sort(byKey)) {
    const spec = svc.spec!;
    const clusterIP = spec.clusterIP!;
    const slices = slicesOf(svc);
    const externalIPs = externalAddresses(svc);
    const lbIPs = new Set(svc.status?.loadBalancer?.ingress?.map((i) => i.ip));
    const affinityS = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_S) : undefined;
    for (const port of spec.ports ?? []) {
      const name = servicePortName(svc, port);
      const protocol = (port.protocol ?? 'TCP').toLowerCase();
      const backends = backendsFor(port, slices);
      const nodePort = nodePortOf(svc, port);

      if (!backends.length) {
        // Refused at once rather than left to time out (upstream's "has no endpoints" REJECTs).
        const reject = comment(`${name} has no endpoints`);
        add(filter, SERVICES, `-d ${clusterIP}/32 -p ${protocol} ${reject} -m ${protocol} --dport ${port.port} -j REJECT --reject-with icmp-port-unreachable`);
        for (const ip of externalIPs) add(filter, EXTERNAL_SERVICES, `-d ${ip}/32 -p ${protocol} ${reject} -m ${protocol} --dport ${port.port} -j REJECT --reject-with icmp-port-unreachable`);
        if (nodePort) add(filter, EXTERNAL_SERVICES, `-p ${protocol} ${reject} -m addrtype --dst-type LOCAL -m ${protocol} --dport ${nodePort} -j REJECT --reject-with icmp-port-unreachable`);
        continue;
      }

      const svcChain = serviceChain(name, protocol);
      natServices.push(`-d ${clusterIP}/32 -p ${protocol} ${comment(`${name} cluster IP`)} -m ${protocol} --dport ${port.port} -j ${svcChain}`);
      // From outside the pod network (the node itself, another host): masquerade, so replies come back through this node.
      add(nat, svcChain, `! -s ${options.clusterCIDR} -d ${clusterIP}/32 -p ${protocol} ${comment(`${name} cluster IP`)} -m ${protocol} --dport ${port.port} -j ${MARK_MASQ}`);

      const sep = (b: Backend) => endpointChain(name, protocol, b.address);
      /** Jumps from a policy chain to its endpoints: those a client was sent to before (affinity), then 1/n, 1/(n-1)… at random. */
      const jumpToEndpoints = (chain: string, to: Backend[]) => {
        if (affinityS !== undefined) {
          for (const b of to) add(nat, chain, `${comment(`${name} -> ${b.address}`)} -m recent --rcheck --seconds ${affinityS} --reap --name ${sep(b)} --mask 255.255.255.255 --rsource -j ${sep(b)}`);
        }
        to.forEach((b, i) => {
          const left = to.length - i;
          const statistic = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(10)}` : '';
          add(nat, chain, `${comment(`${name} -> ${b.address}`)}${statistic} -j ${sep(b)}`);
        });
      };
      jumpToEndpoints(svcChain, backends);

      let local: Backend[] = [];
      if (externalIPs.length || nodePort) {
        const extChain = externalChain(name, protocol);
        for (const ip of externalIPs) {
          const what = lbIPs.has(ip) ? 'loadbalancer IP' : 'external IP';
          natServices.push(`-d ${ip}/32 -p ${protocol} ${comment(`${name} ${what}`)} -m ${protocol} --dport ${port.port} -j ${extChain}`);
        }
        if (nodePort) add(nat, NODEPORTS, `-p ${protocol} ${comment(name)} -m ${protocol} --dport ${nodePort} -j ${extChain}`);
        if (spec.externalTrafficPolicy !== 'Local') {
          // The endpoint may be on another node: masquerade, so the reply comes back this way.
          add(nat, extChain, `${comment(`masquerade traffic for ${name} external destinations`)} -j ${MARK_MASQ}`);
          add(nat, extChain, `-j ${svcChain}`);
        } else {
          // Outside clients keep their source address and reach this node's endpoints only; pods and the node
          // itself are served as through the cluster IP (as if they went out to a load balancer and came back).
          local = backendsFor(port, slices, (e) => e.nodeName === options.nodeName);
          add(nat, extChain, `-s ${options.clusterCIDR} ${comment(`pod traffic for ${name} external destinations`)} -j ${svcChain}`);
          add(nat, extChain, `${comment(`masquerade LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j ${MARK_MASQ}`);
          add(nat, extChain, `${comment(`route LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j ${svcChain}`);
          if (local.length) {
            add(nat, extChain, `-j ${localChain(name, protocol)}`);
            jumpToEndpoints(localChain(name, protocol), local);
          } else {
            const drop = comment(`${name} has no local endpoints`);
            for (const ip of externalIPs) add(filter, EXTERNAL_SERVICES, `-d ${ip}/32 -p ${protocol} ${drop} -m ${protocol} --dport ${port.port} -j DROP`);
            if (nodePort) add(filter, EXTERNAL_SERVICES, `-p ${protocol} ${drop} -m addrtype --dst-type LOCAL -m ${protocol} --dport ${nodePort} -j DROP`);
          }
        }
      }

      const endpoints = new Map([...backends, ...local].map((b) => [b.address, b]));
      for (const b of endpoints.values()) {
        const sepChain = sep(b);
        // Hairpin: a pod reaching itself through its service must see the reply come from the service, so it is masqueraded.
        add(nat, sepChain, `-s ${b.ip}/32 ${comment(name)} -j ${MARK_MASQ}`);
        const recent = affinityS !== undefined ? ` -m recent --set --name ${sepChain} --mask 255.255.255.255 --rsource` : '';
        add(nat, sepChain, `-p ${protocol} ${comment(name)}${recent} -m ${protocol} -j DNAT --to-destination ${b.address}`);
      }
    }
  }

  nat.get(SERVICES)!.push(...natServices, `${comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j ${NODEPORTS}`);
  nat.get(MARK_MASQ)!.push(`-j MARK --or-mark ${MASQ_MARK}`);
  nat.get(POSTROUTING)!.push(
    `-m mark ! --mark ${MASQ_MARK}/${MASQ_MARK} -j RETURN`,
    // The mark must not follow the packet out (it could be re-evaluated by another host's rules).
    `-j MARK --xor-mark ${MASQ_MARK}`,
    `${comment('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`,
  );
  // Node ports answer on 127.0.0.1 too, which needs route_localnet (iptables.ts turns it on); that would also let
  // other hosts reach the node's loopback services, so anything for 127/8 from outside it is dropped (upstream's rule).
  filter.get(FIREWALL)!.push(`! -s 127.0.0.0/8 -d 127.0.0.0/8 ${comment('block incoming localnet connections')} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`);
  filter.get(FORWARD)!.push(
    // Packets conntrack cannot place (e.g. a late retransmission outside the TCP window) would skip the reverse NAT and
    // reach the client from the pod's own address, which answers with a RST that kills the connection: drop them.
    `-m conntrack --ctstate INVALID -j DROP`,
    `${comment('kubernetes forwarding rules')} -m mark --mark ${MASQ_MARK}/${MASQ_MARK} -j ACCEPT`,
    `${comment('kubernetes forwarding conntrack rule')} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );
  return { filter, nat };
}

/**
 * Input for `iptables-restore --noflush`. Declaring a chain (`:CHAIN - [0:0]`)
 * flushes it, so each chain written is replaced whole; chains not written
 * are left as they are. With `previous` (what the last successful restore
 * made), only the chains whose rules changed are written; chains of
 * `previous` that are gone are flushed and deleted. Everything is one
 * transaction: it applies whole or not at all.
 */
export function restoreText(rules: ProxyRules, previous?: ProxyRules, stale: Record<Table, string[]> = { filter: [], nat: [] }): string {
  const lines: string[] = [];
  for (const table of TABLES) {
    const current = rules[table];
    const before = previous?.[table];
    const changed = [...current].filter(([chain, chainRules]) => !before || !sameRules(before.get(chain), chainRules));
    const gone = new Set([...stale[table], ...(before?.keys() ?? [])].filter((c) => !current.has(c)));
    if (!changed.length && !gone.size) continue;
    lines.push(`*${table}`);
    for (const [chain] of changed) lines.push(`:${chain} - [0:0]`);
    for (const chain of gone) lines.push(`:${chain} - [0:0]`);
    for (const [chain, chainRules] of changed) for (const rule of chainRules) lines.push(`-A ${chain} ${rule}`);
    for (const chain of gone) lines.push(`-X ${chain}`);
    lines.push('COMMIT');
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function sameRules(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((rule, i) => rule === b[i]);
}
