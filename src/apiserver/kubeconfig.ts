// The admin kubeconfig the server writes to DATA/kubeconfig.yaml once the API
// answers (the CLI contract), as k3s writes k3s.yaml. Its shape is fixed, so
// it is written as text: no YAML library on the start-up path.
import fs from 'node:fs';
import type { ClusterCertificates } from './pki.js';

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

export function kubeconfig(certs: ClusterCertificates, server: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${b64(certs.serverCa.cert)}
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    user: default
  name: default
current-context: default
preferences: {}
users:
- name: default
  user:
    client-certificate-data: ${b64(certs.admin.cert)}
    client-key-data: ${b64(certs.admin.key)}
`;
}

/** Writes the file atomically, readable by its owner only: it holds the admin key. */
export function writeKubeconfig(file: string, content: string): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
