// The admin kubeconfig the server writes to DATA/kubeconfig.yaml once the API
// answers (the CLI contract), as k3s writes k3s.yaml.
import fs from 'node:fs';
import YAML from 'yaml';
import type { ClusterCertificates } from './pki.js';

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

export function kubeconfig(certs: ClusterCertificates, server: string): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'default', cluster: { server, 'certificate-authority-data': b64(certs.serverCa.cert) } }],
    contexts: [{ name: 'default', context: { cluster: 'default', user: 'default' } }],
    'current-context': 'default',
    preferences: {},
    users: [
      {
        name: 'default',
        user: { 'client-certificate-data': b64(certs.admin.cert), 'client-key-data': b64(certs.admin.key) },
      },
    ],
  });
}

/** Writes the file atomically, readable by its owner only: it holds the admin key. */
export function writeKubeconfig(file: string, content: string): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
