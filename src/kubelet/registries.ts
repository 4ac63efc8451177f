// Registry mirrors and credentials in k3s's registries.yaml format
// (/etc/peapod/registries.yaml: `mirrors` by registry host with their
// endpoints, `configs` by host with auth and tls), rendered as the CRI
// plugin's registry section of the node's containerd config.
import fs from 'node:fs';
import { parse } from 'yaml';

export const DEFAULT_REGISTRIES_FILE = '/etc/peapod/registries.yaml';

interface Registries {
  mirrors?: Record<string, { endpoint?: string[] }>;
  configs?: Record<
    string,
    {
      auth?: { username?: string; password?: string; auth?: string; identitytoken?: string };
      tls?: { cert_file?: string; key_file?: string; ca_file?: string; insecure_skip_verify?: boolean };
    }
  >;
}

const q = (s: string) => JSON.stringify(s);

/** The TOML for containerd's CRI registry section; empty when the file does not exist. */
export function registryConfig(file: string): string {
  if (!fs.existsSync(file)) return '';
  let doc: Registries;
  try {
    doc = (parse(fs.readFileSync(file, 'utf8')) ?? {}) as Registries;
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const lines: string[] = [];
  for (const [host, mirror] of Object.entries(doc.mirrors ?? {})) {
    lines.push(`[plugins."io.containerd.grpc.v1.cri".registry.mirrors.${q(host)}]`, `  endpoint = [${(mirror.endpoint ?? []).map(q).join(', ')}]`, '');
  }
  for (const [host, config] of Object.entries(doc.configs ?? {})) {
    const section = (part: string, values: Record<string, string | boolean | undefined>) => {
      const set = Object.entries(values).filter(([, v]) => v !== undefined);
      if (!set.length) return;
      lines.push(`[plugins."io.containerd.grpc.v1.cri".registry.configs.${q(host)}.${part}]`);
      for (const [k, v] of set) lines.push(`  ${k} = ${typeof v === 'boolean' ? String(v) : q(v!)}`);
      lines.push('');
    };
    section('auth', { ...config.auth });
    section('tls', { ...config.tls });
  }
  return lines.join('\n');
}
