// The kube-dns Service: where pods' resolv.conf points (the cluster DNS
// address) and what is behind it (the server's own DNS listener), named and
// labelled as k3s's CoreDNS manifest has it, so tools that look for
// kube-system/kube-dns find it. No metrics port: peapod serves none.
import type { ServedService } from '../apiserver/served-services.js';

export function kubeDnsService(clusterIP: string, listener: { host: string; port: number }): ServedService {
  return {
    namespace: 'kube-system',
    name: 'kube-dns',
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    clusterIP,
    ports: [
      { name: 'dns', protocol: 'UDP', port: 53, targetPort: listener.port },
      { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: listener.port },
    ],
    address: listener.host,
  };
}
