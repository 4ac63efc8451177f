// A container's environment as upstream's kubelet builds it: envFrom
// sources first (ConfigMaps, Secrets, with prefixes), then env in order —
// literal values with $(VAR) references to earlier variables expanded
// ($$ escapes), and valueFrom: the pod's own fields, the container's
// resources, ConfigMap and Secret keys — then the services' variables
// (service-env.ts) the container did not declare itself; $(VAR) sees them too.
import { parseQuantity } from '../apiserver/quantity.js';
import type { ContainerSpec, EnvVar, Pod } from '../apiserver/registry/core/types.js';
import { serviceEnv, type ServiceForEnv } from './service-env.js';

export interface KeyedSources {
  /** A ConfigMap's data (or undefined when there is none of that name). */
  configMap(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** A Secret's data, decoded. */
  secret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** The services of the namespace and of the default namespace. */
  services(namespace: string): Promise<ServiceForEnv[]>;
}

export class EnvError extends Error {}

/** Expands $(NAME) from `vars`; unknown references stay as written, $$ is a literal $. */
export function expand(text: string, vars: Map<string, string>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return vars.has(name!) ? vars.get(name!)! : match;
  });
}

function fieldValue(pod: Pod, path: string, nodeIP: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return nodeIP;
    case 'status.podIP':
    case 'status.podIPs':
      return pod.status?.podIP ?? '';
    default:
      throw new EnvError(`unsupported fieldPath: ${path}`);
  }
}

/** limits.cpu and friends, rounded up in units of the divisor; an unset limit is the node's allocatable. */
function resourceValue(container: ContainerSpec, resource: string, divisor: string | undefined, allocatable: Record<string, string>): string {
  const [kind, name] = resource.split('.') as [string, string];
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const fallback = kind === 'limits' ? allocatable[name] : undefined;
  const value = parseQuantity(list?.[name] ?? fallback ?? '0') ?? 0;
  const unit = parseQuantity(divisor ?? '1') || 1;
  return String(Math.ceil(value / unit));
}

export async function containerEnv(
  pod: Pod,
  container: ContainerSpec,
  sources: KeyedSources,
  node: { ip: string; allocatable: Record<string, string> },
): Promise<{ key: string; value: string }[]> {
  const namespace = pod.metadata.namespace ?? 'default';
  const services = serviceEnv(await sources.services(namespace), namespace, (pod.spec as { enableServiceLinks?: boolean }).enableServiceLinks !== false);
  const vars = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const data = from.configMapRef ? await sources.configMap(namespace, ref.name) : await sources.secret(namespace, ref.name);
    if (!data) {
      if (ref.optional) continue;
      throw new EnvError(`${from.configMapRef ? 'configmap' : 'secret'} "${ref.name}" not found`);
    }
    for (const [key, value] of Object.entries(data)) vars.set(`${from.prefix ?? ''}${key}`, value);
  }
  for (const env of container.env ?? []) {
    const value = await envValue(pod, container, env, new Map([...services, ...vars]), sources, node);
    if (value !== undefined) vars.set(env.name, value);
  }
  for (const [key, value] of services) if (!vars.has(key)) vars.set(key, value);
  return [...vars].map(([key, value]) => ({ key, value }));
}

async function envValue(
  pod: Pod,
  container: ContainerSpec,
  env: EnvVar,
  vars: Map<string, string>,
  sources: KeyedSources,
  node: { ip: string; allocatable: Record<string, string> },
): Promise<string | undefined> {
  const from = env.valueFrom;
  if (!from) return expand(env.value ?? '', vars);
  if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath, node.ip);
  if (from.resourceFieldRef) {
    const named = from.resourceFieldRef.containerName ? [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === from.resourceFieldRef!.containerName) : container;
    return resourceValue(named ?? container, from.resourceFieldRef.resource, from.resourceFieldRef.divisor, node.allocatable);
  }
  const keyRef = from.configMapKeyRef ?? from.secretKeyRef;
  if (!keyRef) return '';
  const kind = from.configMapKeyRef ? 'configmap' : 'secret';
  const namespace = pod.metadata.namespace ?? 'default';
  const data = from.configMapKeyRef ? await sources.configMap(namespace, keyRef.name) : await sources.secret(namespace, keyRef.name);
  if (!data) {
    if (keyRef.optional) return undefined;
    throw new EnvError(`${kind} "${keyRef.name}" not found`);
  }
  if (!(keyRef.key in data)) {
    if (keyRef.optional) return undefined;
    throw new EnvError(`couldn't find key ${keyRef.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${namespace}/${keyRef.name}`);
  }
  return data[keyRef.key]!;
}
