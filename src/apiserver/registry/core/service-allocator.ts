// ClusterIPs and node ports for Services. Each value handed out is one key
// in storage (/registry/ranges/serviceips/10.43.0.5), made with
// create-if-absent: two creates can never both win one value, across
// concurrent requests and restarts alike. A value's key is made before any
// service holds it and removed only after none does, so a crash in between
// leaves at worst a record nobody holds; `repair` drops those at start (as
// upstream's repair controllers do).
import { KeyExistsError, KeyNotFoundError } from '../../../storage/errors.js';
import type { Store } from '../../../storage/store.js';
import { errors, type StatusCause } from '../../status.js';
import type { KubeObject, StoreHooks, WriteReservation } from '../types.js';
import { goStrings, invalid } from '../validation.js';

export interface ServiceRanges {
  /** IPv4 CIDR of ClusterIPs (k3s's --service-cidr). */
  cidr: string;
  /** Inclusive NodePort range (--service-node-port-range). */
  nodePorts: { min: number; max: number };
}

export const DEFAULT_SERVICE_RANGES: ServiceRanges = { cidr: '10.43.0.0/16', nodePorts: { min: 30000, max: 32767 } };

const IP_PREFIX = '/registry/ranges/serviceips/';
const PORT_PREFIX = '/registry/ranges/servicenodeports/';
const MAX_ATTEMPTS = 20;

export interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

export type Service = KubeObject & {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    allocateLoadBalancerNodePorts?: boolean;
    [field: string]: unknown;
  };
};

/** Whether a service of this shape gets a ClusterIP: not headless, not ExternalName. */
export const needsClusterIP = (svc: Service) => svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None';

/** Whether its ports get node ports (a LoadBalancer may opt out of allocating them). */
export const needsNodePorts = (svc: Service) =>
  svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);

/**
 * How many values at the start of a range dynamic allocation leaves for
 * last, so that values clients ask for are rarely taken already (upstream's
 * static subranges: a 16th of the IPs, at most 256; a 32nd of the ports, at
 * most 128; at least 16; none in ranges under 16).
 */
function staticBand(size: number, max: number, step: number): number {
  if (size < 16) return 0;
  return Math.min(max, Math.max(16, Math.floor(size / step)));
}

const ipToNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const numberToIP = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

export function parseCidr(cidr: string): { base: number; size: number } {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  const bits = Number(m?.[2]);
  if (!m || m[1]!.split('.').some((o) => Number(o) > 255) || bits < 8 || bits > 30) {
    throw new Error(`--service-cidr must be an IPv4 CIDR between /8 and /30, not "${cidr}"`);
  }
  const size = 2 ** (32 - bits);
  return { base: ipToNumber(m[1]!) - (ipToNumber(m[1]!) % size), size };
}

/** Whether `ip` is an address services may take in `cidr` (neither its network nor its broadcast address). */
export function isServiceIP(ip: string, cidr: string): boolean {
  const { base, size } = parseCidr(cidr);
  const n = ipToNumber(ip);
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && n > base && n < base + size - 1;
}

/** The range's tenth address, where k3s puts cluster DNS (10.43.0.10). */
export function defaultClusterDNS(cidr: string): string {
  return numberToIP(parseCidr(cidr).base + 10);
}

export function parsePortRange(text: string): { min: number; max: number } {
  const m = /^(\d+)-(\d+)$/.exec(text);
  const [min, max] = [Number(m?.[1]), Number(m?.[2])];
  if (!m || min < 1 || max > 65535 || min > max) throw new Error(`--service-node-port-range must be like 30000-32767, not "${text}"`);
  return { min, max };
}

/** One write's claims: who takes, what it took so far; a dry run only checks that values are free. */
interface Claim {
  owner: string;
  taken: string[];
  dryRun: boolean;
}

/** The IPs a service holds (its clusterIPs, as far as they are real addresses); its node ports. */
const heldIPs = (svc: Service) => (needsClusterIP(svc) ? (svc.spec?.clusterIPs ?? []).filter((ip) => ip && ip !== 'None') : []);
const heldPorts = (svc: Service) => [...new Set((svc.spec?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => Boolean(p)))];

export class ServiceAllocator implements StoreHooks {
  private readonly ips: { base: number; size: number };

  constructor(
    private readonly store: Store,
    private readonly ranges: ServiceRanges = DEFAULT_SERVICE_RANGES,
  ) {
    this.ips = parseCidr(ranges.cidr);
  }

  /** The range's first address, kept for the `kubernetes` service (dynamic allocation never hands it out). */
  get kubernetesIP(): string {
    return numberToIP(this.ips.base + 1);
  }

  /** Fills in the ClusterIP and node ports `obj` needs beyond what `old` holds, and takes their records. */
  async reserve(obj: KubeObject, old: KubeObject | undefined, dryRun = false): Promise<WriteReservation> {
    const svc = obj as Service;
    const before = (old ?? { metadata: {} }) as Service;
    const claim: Claim = { owner: `${obj.metadata.namespace}/${obj.metadata.name}`, taken: [], dryRun };
    const abort = () => this.releaseKeys(claim.taken);
    try {
      const causes = [...(await this.reserveIP(svc, before, claim)), ...(await this.reservePorts(svc, before, claim))];
      if (causes.length) throw errors.invalid('Service', '', obj.metadata.name ?? '', causes);
    } catch (err) {
      await abort();
      throw err;
    }
    // What the old version held and this one does not is given back once this one is stored.
    const dropped = [
      ...heldIPs(before).filter((ip) => !heldIPs(svc).includes(ip)).map((ip) => IP_PREFIX + ip),
      ...heldPorts(before).filter((p) => !heldPorts(svc).includes(p)).map((p) => PORT_PREFIX + p),
    ];
    return { abort, commit: () => this.releaseKeys(dryRun ? [] : dropped) };
  }

  async release(obj: KubeObject): Promise<void> {
    const svc = obj as Service;
    await this.releaseKeys([...heldIPs(svc).map((ip) => IP_PREFIX + ip), ...heldPorts(svc).map((p) => PORT_PREFIX + p)]);
  }

  private async reserveIP(svc: Service, old: Service, claim: Claim): Promise<StatusCause[]> {
    const spec = (svc.spec ??= {});
    if (!needsClusterIP(svc)) return [];
    const asked = spec.clusterIPs?.[0] || spec.clusterIP;
    if (asked && heldIPs(old).includes(asked)) return [];
    const { base, size } = this.ips;
    let ip: string;
    if (asked) {
      const fail = (why: string) => [invalid('spec.clusterIPs', goStrings([asked]), `failed to allocate IP ${asked}: ${why}`)];
      const n = ipToNumber(asked);
      if (n <= base || n >= base + size - 1) return fail(`provided IP is not in the valid range. The range of valid IPs is ${this.ranges.cidr}`);
      if (!(await this.take(IP_PREFIX + asked, claim))) return fail('provided IP is already allocated');
      ip = asked;
    } else {
      const n = await this.takeAny(IP_PREFIX, base + 2, base + size - 2, base + staticBand(size, 256, 16), numberToIP, claim);
      if (n === undefined) throw errors.internal(new Error('failed to allocate a serviceIP: range is full'));
      ip = numberToIP(n);
    }
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    return [];
  }

  private async reservePorts(svc: Service, old: Service, claim: Claim): Promise<StatusCause[]> {
    const ports = svc.spec?.ports ?? [];
    const causes: StatusCause[] = [];
    const { min, max } = this.ranges.nodePorts;
    const mine = new Set(heldPorts(old));
    for (const [i, p] of ports.entries()) {
      if (!p.nodePort || mine.has(p.nodePort)) continue;
      const fail = (why: string) => causes.push(invalid(`spec.ports[${i}].nodePort`, String(p.nodePort), why));
      if (p.nodePort < min || p.nodePort > max) fail(`provided port is not in the valid range. The range of valid ports is ${min}-${max}`);
      else if (await this.take(PORT_PREFIX + p.nodePort, claim)) mine.add(p.nodePort);
      else fail('provided port is already allocated');
    }
    if (causes.length || !needsNodePorts(svc)) return causes;
    for (const p of ports) {
      if (p.nodePort) continue;
      const port = await this.takeAny(PORT_PREFIX, min, max, min - 1 + staticBand(max - min + 1, 128, 32), String, claim);
      if (port === undefined) throw errors.internal(new Error('failed to allocate a nodePort: range is full'));
      p.nodePort = port;
    }
    return causes;
  }

  /** Makes the record for one value; false if another holds it. */
  private async take(key: string, claim: Claim): Promise<boolean> {
    if (claim.dryRun) return !(await this.store.get(key));
    try {
      await this.store.create(key, Buffer.from(claim.owner));
    } catch (err) {
      if (err instanceof KeyExistsError) return false;
      throw err;
    }
    claim.taken.push(key);
    return true;
  }

  /**
   * A free value in [lo, hi]: above `staticEnd` first, where requested values
   * rarely are, then at or below it; searched from a random point so that
   * concurrent requests rarely collide.
   */
  private async takeAny(prefix: string, lo: number, hi: number, staticEnd: number, render: (n: number) => string, claim: Claim): Promise<number | undefined> {
    const freeIn = (used: Set<string>, from: number, to: number) => {
      const span = to - from + 1;
      const start = Math.floor(Math.random() * span);
      for (let i = 0; i < span; i++) {
        const n = from + ((start + i) % span);
        if (!used.has(render(n))) return n;
      }
      return undefined;
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const used = new Set((await this.store.list(prefix)).items.map((kv) => kv.key.slice(prefix.length)));
      const free = freeIn(used, Math.max(lo, staticEnd + 1), hi) ?? freeIn(used, lo, Math.min(hi, staticEnd));
      if (free === undefined) return undefined;
      if (await this.take(prefix + render(free), claim)) return free;
    }
    return undefined;
  }

  private async releaseKeys(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.store.delete(key).catch((err) => {
        if (!(err instanceof KeyNotFoundError)) throw err;
      });
    }
  }

  /**
   * Makes the records match the stored services: a record no service holds
   * (left by a crash between a write and its release) goes, a value a service
   * holds without a record gets one. Run before the API serves requests.
   */
  async repair(services: KubeObject[]): Promise<void> {
    const held = new Map<string, string>();
    for (const obj of services) {
      const svc = obj as Service;
      const owner = `${obj.metadata.namespace}/${obj.metadata.name}`;
      for (const ip of heldIPs(svc)) held.set(IP_PREFIX + ip, owner);
      for (const port of heldPorts(svc)) held.set(PORT_PREFIX + port, owner);
    }
    for (const prefix of [IP_PREFIX, PORT_PREFIX]) {
      for (const kv of (await this.store.list(prefix)).items) {
        if (!held.has(kv.key)) await this.releaseKeys([kv.key]);
        held.delete(kv.key);
      }
    }
    for (const [key, owner] of held) await this.take(key, { owner, taken: [], dryRun: false });
  }
}
