// The cluster's certificates, made on first start and reused after, laid out
// as k3s lays them out under DATA/server/tls: a CA for serving certificates,
// a CA for client certificates, the API server's serving certificate and the
// admin's client certificate (system:admin in group system:masters).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Pem {
  cert: string;
  key: string;
}

export interface ClusterCertificates {
  serverCa: Pem;
  clientCa: Pem;
  serving: Pem;
  admin: Pem;
}

/** The in-cluster names and the first service IP that clients may use to reach the API server. */
const SERVICE_NAMES = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
const API_SERVICE_IP = '10.43.0.1';
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

const FILES = {
  serverCa: 'server-ca',
  clientCa: 'client-ca',
  serving: 'serving-kube-apiserver',
  admin: 'client-admin',
} as const;

function readPem(dir: string, base: string): Pem | undefined {
  const cert = path.join(dir, `${base}.crt`);
  const key = path.join(dir, `${base}.key`);
  if (!fs.existsSync(cert) || !fs.existsSync(key)) return undefined;
  return { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8') };
}

function writePem(dir: string, base: string, pem: Pem): void {
  fs.writeFileSync(path.join(dir, `${base}.key`), pem.key, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, `${base}.crt`), pem.cert);
}

/** Loads the certificates from `tlsDir`, making whichever are missing. */
export async function ensureCertificates(tlsDir: string): Promise<ClusterCertificates> {
  fs.mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  const found = Object.fromEntries(
    Object.entries(FILES).map(([name, base]) => [name, readPem(tlsDir, base)]),
  ) as Partial<ClusterCertificates>;
  if (found.serverCa && found.clientCa && found.serving && found.admin) return found as ClusterCertificates;

  // The X.509 library is only needed on first start: keep it off the warm start path.
  const { makeCa, makeLeaf } = await import('./x509.js');
  const serverCa = found.serverCa ?? (await makeCa(`peapod-server-ca@${Math.floor(Date.now() / 1000)}`, TEN_YEARS_MS));
  const clientCa = found.clientCa ?? (await makeCa(`peapod-client-ca@${Math.floor(Date.now() / 1000)}`, TEN_YEARS_MS));
  const serving =
    found.serving ??
    (await makeLeaf(serverCa, {
      commonName: 'kube-apiserver',
      usage: 'server',
      dnsNames: ['localhost', os.hostname(), ...SERVICE_NAMES],
      ipAddresses: ['127.0.0.1', '::1', API_SERVICE_IP, ...hostAddresses()],
      validityMs: ONE_YEAR_MS,
    }));
  const admin =
    found.admin ??
    (await makeLeaf(clientCa, {
      commonName: 'system:admin',
      organization: 'system:masters',
      usage: 'client',
      validityMs: ONE_YEAR_MS,
    }));
  const made: ClusterCertificates = { serverCa, clientCa, serving, admin };
  for (const [name, base] of Object.entries(FILES)) {
    if (!found[name as keyof ClusterCertificates]) writePem(tlsDir, base, made[name as keyof ClusterCertificates]);
  }
  return made;
}

function hostAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => a!.address.split('%')[0]!);
}
