// The environment variables a container gets for services, as upstream's
// kubelet sets them: for every service with a ClusterIP in the pod's
// namespace (when enableServiceLinks, the default), and always for the
// `kubernetes` service of the default namespace —
//   MY_SVC_SERVICE_HOST=10.43.0.20  MY_SVC_SERVICE_PORT=80  MY_SVC_SERVICE_PORT_HTTP=80
//   MY_SVC_PORT=tcp://10.43.0.20:80 MY_SVC_PORT_80_TCP=tcp://10.43.0.20:80
//   MY_SVC_PORT_80_TCP_PROTO=tcp    MY_SVC_PORT_80_TCP_PORT=80  MY_SVC_PORT_80_TCP_ADDR=10.43.0.20
export interface ServiceForEnv {
  metadata: { name?: string; namespace?: string };
  spec?: { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
}

/** Services of the default namespace every pod hears of, enableServiceLinks or not. */
const MASTER_SERVICES = new Set(['kubernetes']);

const envName = (name: string) => name.toUpperCase().replaceAll('-', '_');

/** The variables for the services a pod in `namespace` sees, its own namespace's winning over the master services. */
export function serviceEnv(services: ServiceForEnv[], namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const chosen = new Map<string, ServiceForEnv>();
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = svc.metadata.name!;
    if (svc.metadata.namespace === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata.namespace === namespace && enableServiceLinks) chosen.set(name, svc);
  }
  const vars = new Map<string, string>();
  for (const [name, svc] of [...chosen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ip = svc.spec!.clusterIP!;
    const ports = svc.spec?.ports ?? [];
    const prefix = envName(name);
    vars.set(`${prefix}_SERVICE_HOST`, ip);
    if (ports[0]) vars.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
    for (const p of ports) if (p.name) vars.set(`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
    // Docker-link style, as kubelets have always set them.
    if (ports[0]) vars.set(`${prefix}_PORT`, `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${ip}:${ports[0].port}`);
    for (const p of ports) {
      const protocol = p.protocol ?? 'TCP';
      const base = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
      vars.set(base, `${protocol.toLowerCase()}://${ip}:${p.port}`);
      vars.set(`${base}_PROTO`, protocol.toLowerCase());
      vars.set(`${base}_PORT`, String(p.port));
      vars.set(`${base}_ADDR`, ip);
    }
  }
  return vars;
}
