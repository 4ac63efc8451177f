// Conntrack entries the rules can no longer fix, for UDP. A UDP flow's
// first packet fixes its NAT for as long as packets keep coming: a flow
// begun while a service had no endpoints (or while the rules were not
// there yet — at start, after a restart) stays un-DNATed, and a flow
// DNATed to an endpoint that has gone keeps going there. TCP recovers by
// itself (a new connection); UDP clients that reuse their source port
// (resolvers, statsd-style senders) would not. So, as upstream's
// kube-proxy does, a sync deletes the entries of UDP destinations that
// have just gained endpoints, and of routes to endpoints that went.
import { spawn } from 'node:child_process';
import type { EndpointSlice } from '../apiserver/registry/discovery/endpointslices.js';
import { backendsFor, externalAddresses, isProxied, nodePortOf, type Service } from './rules.js';

/** Where UDP traffic arrives: a service IP and port, or (no ip) a node port on any local address. */
interface Destination {
  ip?: string;
  port: number;
}

export interface UdpRoutes {
  /** Destinations that have endpoints, by key. */
  served: Map<string, Destination>;
  /** Destination → endpoint IP pairs, by key. */
  routes: Map<string, { to: Destination; endpoint: string }>;
}

const keyOf = (d: Destination) => `${d.ip ?? '*'}:${d.port}`;

/** The UDP destinations and routes the rules for these services make. */
export function udpRoutes(services: Service[], slicesOf: (svc: Service) => EndpointSlice[]): UdpRoutes {
  const served = new Map<string, Destination>();
  const routes = new Map<string, { to: Destination; endpoint: string }>();
  for (const svc of services.filter(isProxied)) {
    const ips = [svc.spec!.clusterIP!, ...externalAddresses(svc)];
    for (const port of svc.spec!.ports ?? []) {
      if (port.protocol !== 'UDP') continue;
      const backends = backendsFor(port, slicesOf(svc));
      if (!backends.length) continue;
      const nodePort = nodePortOf(svc, port);
      const destinations: Destination[] = [...ips.map((ip) => ({ ip, port: port.port })), ...(nodePort ? [{ port: nodePort }] : [])];
      for (const to of destinations) {
        served.set(keyOf(to), to);
        for (const b of backends) routes.set(`${keyOf(to)}>${b.ip}`, { to, endpoint: b.ip });
      }
    }
  }
  return { served, routes };
}

const matching = (to: Destination) => [...(to.ip ? ['--orig-dst', to.ip] : []), '--orig-port-dst', String(to.port)];

/** The `conntrack` argument lists that delete what going from `before` to `after` leaves stale. */
export function staleUdpFlows(before: UdpRoutes, after: UdpRoutes): string[][] {
  const deletions: string[][] = [];
  for (const [key, to] of after.served) if (!before.served.has(key)) deletions.push(['-D', '-p', 'udp', ...matching(to)]);
  for (const [key, { to, endpoint }] of before.routes) if (!after.routes.has(key)) deletions.push(['-D', '-p', 'udp', ...matching(to), '--dst-nat', endpoint]);
  return deletions;
}

/** Runs one deletion; resolves with an error text, or undefined when done (no matching entry is done too). */
export function deleteFlows(args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('conntrack', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (err) => resolve(err.message));
    // conntrack exits 1 when nothing matched ("0 flow entries have been deleted").
    child.once('close', (code) => resolve(code === 0 || /0 flow entries/.test(stderr) ? undefined : `conntrack ${args.join(' ')}: ${stderr.trim()}`));
  });
}
