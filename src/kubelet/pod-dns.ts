// A pod's resolver configuration — the CRI sandbox's dnsConfig, from which
// containerd writes the /etc/resolv.conf every container of the pod mounts —
// by upstream kubelet's rules (pkg/kubelet/network/dns): the pod's dnsPolicy
// picks the base (cluster DNS, the node's resolv.conf, or nothing), the pod's
// own dnsConfig is merged onto it, and the result is cut to what resolvers
// accept, with the Warning events upstream records when it falls back or cuts.
import fs from 'node:fs';
import type { Pod } from '../apiserver/registry/core/types.js';

/** What the kubelet knows about DNS (its --cluster-dns, --cluster-domain, --resolv-conf). */
export interface ClusterDnsSettings {
  /** The cluster DNS server's addresses; empty when there is none (ClusterFirst then falls back to Default). */
  clusterDNS: string[];
  /** cluster.local */
  clusterDomain: string;
  /** The node's resolver file; '' for none (upstream's "disable DNS lookups" setting). */
  resolvConf: string;
}

/** The CRI DNSConfig. */
export interface DnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface DnsWarning {
  reason: 'MissingClusterDNS' | 'DNSConfigForming';
  message: string;
}

// Upstream's limits (pkg/apis/core/validation, ExpandedDNSConfig): what glibc and musl resolvers accept.
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LINE_CHARS = 2048;
const MAX_DOMAIN_LENGTH = 253;
const DEFAULT_OPTIONS = ['ndots:5'];

/** nameserver lines accumulate; the last search line wins (its trailing dots dropped, "." itself ignored); options merge by name, later ones winning. */
export function parseResolvConf(text: string): DnsConfig {
  const config: DnsConfig = { servers: [], searches: [], options: [] };
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (!fields.length || fields[0]!.startsWith('#')) continue;
    const [keyword, ...rest] = fields;
    if (keyword === 'nameserver' && rest[0]) config.servers.push(rest[0]);
    else if (keyword === 'search') config.searches = rest.filter((s) => s !== '.').map((s) => s.replace(/\.$/, ''));
    else if (keyword === 'options') config.options = mergeOptions([...config.options, ...rest], []);
  }
  return config;
}

const SYSTEMD_RESOLVED_UPSTREAMS = '/run/systemd/resolve/resolv.conf';
const isLoopback = (server: string) => server.startsWith('127.') || server === '::1';

/**
 * --resolv-conf's default, as k3s picks it: /etc/resolv.conf, unless it names only loopback resolvers
 * (systemd-resolved's 127.0.0.53, useless inside a pod) and systemd-resolved's own list of upstreams has others.
 */
export function defaultResolvConf(etc = '/etc/resolv.conf', resolved = SYSTEMD_RESOLVED_UPSTREAMS): string {
  const usable = (file: string) => fs.existsSync(file) && parseResolvConf(fs.readFileSync(file, 'utf8')).servers.some((server) => !isLoopback(server));
  return !usable(etc) && usable(resolved) ? resolved : etc;
}

/** The node's resolver settings, read from --resolv-conf ('' reads nothing). */
export function hostDnsConfig(resolvConf: string): DnsConfig {
  return resolvConf === '' ? { servers: [], searches: [], options: [] } : parseResolvConf(fs.readFileSync(resolvConf, 'utf8'));
}

const unique = (items: string[]) => [...new Set(items)];

/** Options by name, the later value winning; "name" or "name:value". */
function mergeOptions(base: string[], extra: { name?: string; value?: string }[]): string[] {
  const byName = new Map<string, string | undefined>();
  for (const option of base) {
    const colon = option.indexOf(':');
    byName.set(colon < 0 ? option : option.slice(0, colon), colon < 0 ? undefined : option.slice(colon + 1));
  }
  for (const option of extra) if (option.name) byName.set(option.name, option.value || undefined);
  return [...byName].map(([name, value]) => (value === undefined ? name : `${name}:${value}`));
}

/** The search list within the limits: at most 32 domains, none over 253 characters, 2048 characters in all (dropped from the end). */
function fitSearches(searches: string[]): { searches: string[]; cut: boolean } {
  let fitted = searches.slice(0, MAX_SEARCH_PATHS).filter((s) => s.length <= MAX_DOMAIN_LENGTH);
  while (fitted.join(' ').length > MAX_SEARCH_LINE_CHARS) fitted = fitted.slice(0, -1);
  return { searches: fitted, cut: fitted.length !== searches.length };
}

/** The pod's DNS config for its sandbox; `host` is the node's resolver config (hostDnsConfig). */
export function podDnsConfig(pod: Pod, settings: ClusterDnsSettings, host: DnsConfig): { config: DnsConfig; warnings: DnsWarning[] } {
  const { spec, metadata } = pod;
  const warnings: DnsWarning[] = [];
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  // ClusterFirst on the host's network resolves as the host does; ClusterFirstWithHostNet insists on the cluster's DNS.
  let cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork);
  if (cluster && !settings.clusterDNS.length) {
    warnings.push({
      reason: 'MissingClusterDNS',
      message: `pod: "${metadata.name}_${metadata.namespace}(${metadata.uid})". kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.`,
    });
    cluster = false;
  }
  let config: DnsConfig;
  if (policy === 'None') config = { servers: [], searches: [], options: [] };
  else if (cluster) {
    const domain = settings.clusterDomain;
    const clusterSearches = domain ? [`${metadata.namespace}.svc.${domain}`, `svc.${domain}`, domain] : [];
    config = { servers: [...settings.clusterDNS], searches: unique([...clusterSearches, ...host.searches]), options: DEFAULT_OPTIONS };
  } else if (settings.resolvConf === '') {
    // No resolver file: a resolver on the pod's own host and no search, which in effect turns lookups off (upstream's rule).
    config = { servers: ['127.0.0.1'], searches: ['.'], options: [] };
  } else config = { servers: [...host.servers], searches: [...host.searches], options: [...host.options] };

  const extra = spec.dnsConfig;
  if (extra) {
    config = {
      servers: unique([...config.servers, ...(extra.nameservers ?? [])]),
      searches: unique([...config.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(config.options, extra.options ?? []),
    };
  }

  if (config.servers.length > MAX_NAMESERVERS) {
    config.servers = config.servers.slice(0, MAX_NAMESERVERS);
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${config.servers.join(' ')}`,
    });
  }
  const fitted = fitSearches(config.searches);
  if (fitted.cut) {
    config.searches = fitted.searches;
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${fitted.searches.join(' ')}`,
    });
  }
  return { config, warnings };
}
