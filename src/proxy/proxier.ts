// The service proxy, as kube-proxy's iptables mode runs on every node:
// any change to a Service or an EndpointSlice schedules a sync, which
// computes every rule from the informer caches (rules.ts) and applies what
// changed (iptables.ts), then clears the UDP conntrack entries the change
// leaves stale (udp-conntrack.ts). Syncs never overlap: changes that arrive
// during one are taken up by a single sync after it. A failed sync is retried
// with back-off, and writes everything again, as does a sync every hour. Stopping removes every rule,
// so the node is left as it was found.
import type { EndpointSlice } from '../apiserver/registry/discovery/endpointslices.js';
import { ENDPOINTSLICES, SERVICES } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { endpointSlicesByService } from '../client/endpointslice-index.js';
import type { Informers } from '../client/informers.js';
import { IptablesTables } from './iptables.js';
import { proxyRules, type ProxyOptions, type Service } from './rules.js';
import { deleteFlows, staleUdpFlows, udpRoutes, type UdpRoutes } from './udp-conntrack.js';

/** Changes arriving together (a rollout touches a slice many times) are taken up by one sync. */
const MIN_SYNC_INTERVAL_MS = 20;
const RETRY_MS = { first: 500, max: 30_000 };
/** Between syncs only changed chains are written; this often everything is, as upstream's kube-proxy does. */
const FULL_RESYNC_MS = 60 * 60_000;

export interface ProxierOptions extends ProxyOptions {
  log: (message: string) => void;
}

export interface SyncStats {
  /** Syncs that completed (whether or not anything needed writing). */
  syncs: number;
  /** How long the latest sync took, computing and applying, in ms. */
  lastSyncMs: number;
}

export class Proxier {
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly slicesOf: (namespace: string, service: string) => EndpointSlice[];
  private readonly tables: IptablesTables;
  private timer: NodeJS.Timeout | undefined;
  private fullResync: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** A change came in while a sync ran: sync again after it. */
  private dirty = false;
  private retryMs = 0;
  /** The UDP routes of the last sync. */
  private udp: UdpRoutes = { served: new Map(), routes: new Map() };
  private stopped = false;
  readonly stats: SyncStats = { syncs: 0, lastSyncMs: 0 };

  constructor(
    informers: Informers,
    private readonly options: ProxierOptions,
  ) {
    this.services = informers.for<Service>(SERVICES);
    this.slices = informers.for<EndpointSlice>(ENDPOINTSLICES);
    this.slicesOf = endpointSlicesByService<EndpointSlice>(informers);
    this.tables = new IptablesTables(options.log);
  }

  /** Starts once the caches hold the cluster (a sync from an empty cache would take every service away). */
  async start(): Promise<void> {
    await Promise.all([this.services.synced, this.slices.synced]);
    if (this.stopped) return;
    const changed = { add: () => this.schedule(), update: () => this.schedule(), delete: () => this.schedule() };
    this.services.on(changed);
    this.slices.on(changed);
    this.schedule();
    this.fullResync = setInterval(() => {
      this.tables.forget();
      this.schedule();
    }, FULL_RESYNC_MS);
  }

  /** Stops syncing, waits for a sync under way, and removes every rule of ours. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.fullResync);
    await this.running;
    await this.tables.cleanup().catch((err: Error) => this.options.log(`removing the service rules: ${err.message}`));
  }

  private schedule(delayMs = MIN_SYNC_INTERVAL_MS): void {
    if (this.stopped) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.running = this.sync().finally(() => {
        this.running = undefined;
        if (this.dirty) {
          this.dirty = false;
          this.schedule();
        }
      });
    }, delayMs);
  }

  /** Deletes the UDP conntrack entries the new rules leave stale (udp-conntrack.ts); the first sync clears those of every served UDP destination. */
  private async clearStaleUdpFlows(now: UdpRoutes): Promise<void> {
    for (const args of staleUdpFlows(this.udp, now)) {
      const failed = await deleteFlows(args);
      if (failed) this.options.log(`clearing stale UDP flows: ${failed}`);
    }
    this.udp = now;
  }

  private async sync(): Promise<void> {
    const started = performance.now();
    try {
      const services = this.services.list();
      const slicesOf = (svc: Service) => this.slicesOf(svc.metadata.namespace!, svc.metadata.name!);
      await this.tables.apply(proxyRules(services, slicesOf, this.options));
      await this.clearStaleUdpFlows(udpRoutes(services, slicesOf));
      this.retryMs = 0;
      this.stats.syncs++;
      this.stats.lastSyncMs = performance.now() - started;
      if (this.stats.syncs === 1) this.options.log(`rules for ${this.services.size} services programmed in ${Math.round(this.stats.lastSyncMs)} ms`);
    } catch (err) {
      if (this.stopped) return; // stop() removes the rules; nothing to retry
      this.retryMs = Math.min(this.retryMs ? this.retryMs * 2 : RETRY_MS.first, RETRY_MS.max);
      this.options.log(`syncing the service rules failed (retrying in ${this.retryMs} ms): ${(err as Error).message}`);
      // The retry stands in for any change meanwhile; stop() clears it.
      this.dirty = false;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule(0);
      }, this.retryMs);
    }
  }
}
