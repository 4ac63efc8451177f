// Pod validation as kube-apiserver v1.32 does it (ValidatePodCreate,
// ValidatePodSpec, ValidatePodUpdate), with upstream's field paths and
// messages, so kubectl users read the same errors.
import { isDeepStrictEqual } from 'node:util';
import type { StatusCause } from '../../status.js';
import { parseQuantity } from '../../quantity.js';
import type { KubeObject } from '../types.js';
import {
  checkIP,
  checkLabel,
  checkLabelSelector,
  checkLabels,
  checkQualifiedName,
  checkRequirement,
  checkSubdomain,
  duplicate,
  forbidden,
  goStrings,
  inclusiveRange,
  invalid,
  invalidValue,
  labelValueProblems,
  notSupported,
  required,
  type LabelSelector,
  type SelectorRequirement,
} from '../validation.js';

interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
}

interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[] };
  procMount?: string;
  seccompProfile?: SeccompProfile;
  [field: string]: unknown;
}

interface SeccompProfile {
  type?: string;
  localhostProfile?: string;
}

export interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  resources?: Record<string, unknown>;
  ports?: ContainerPort[];
  securityContext?: SecurityContext;
  [field: string]: unknown;
}

interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
  fsGroupChangePolicy?: string;
  sysctls?: { name?: string }[];
  seccompProfile?: SeccompProfile;
}

interface NodeSelectorTerm {
  matchExpressions?: SelectorRequirement[];
}

interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  topologyKey?: string;
}

interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: { weight?: number; podAffinityTerm?: PodAffinityTerm }[];
}

interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: { weight?: number; preference?: NodeSelectorTerm }[];
  };
  podAffinity?: PodAffinity;
  podAntiAffinity?: PodAffinity;
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface TopologySpreadConstraint {
  maxSkew?: number;
  topologyKey?: string;
  whenUnsatisfiable?: string;
  minDomains?: number;
  labelSelector?: LabelSelector;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: unknown[];
  volumes?: { name?: string }[];
  restartPolicy?: string;
  dnsPolicy?: string;
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name?: string }[] };
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  shareProcessNamespace?: boolean;
  nodeSelector?: Record<string, string>;
  securityContext?: PodSecurityContext;
  affinity?: Affinity;
  tolerations?: Toleration[];
  topologySpreadConstraints?: TopologySpreadConstraint[];
  serviceAccountName?: string;
  nodeName?: string;
  activeDeadlineSeconds?: number;
  hostname?: string;
  subdomain?: string;
  priorityClassName?: string;
  [field: string]: unknown;
}

type Pod = KubeObject & { spec?: PodSpec };
type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const PROC_MOUNTS = ['Default', 'Unmasked'];
const FS_GROUP_CHANGE_POLICIES = ['Always', 'OnRootMismatch'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** Linux's UID/GID range as upstream (v1.32) bounds it. */
const MAX_ID = 2147483647;
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCHES = 32;
const MAX_DNS_SEARCH_CHARS = 2048;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/**
 * Go's %#v of a struct, as upstream prints a whole securityContext or
 * seccompProfile it rejects: pointer fields (types starting with *) show nil
 * or an address (meaningless, and different on every upstream call too).
 */
function goStruct(type: string, fields: [goName: string, jsonName: string, goType: string][], obj: object): string {
  const values = obj as Record<string, unknown>;
  let address = 0xc000012340;
  const shown = fields.map(([goName, jsonName, goType]) => {
    if (!goType.startsWith('*')) return `${goName}:${JSON.stringify(values[jsonName] ?? '')}`;
    const pointer = values[jsonName] === undefined ? 'nil' : `0x${(address += 8).toString(16)}`;
    return `${goName}:(${goType})(${pointer})`;
  });
  return `core.${type}{${shown.join(', ')}}`;
}

const SECURITY_CONTEXT_FIELDS: [string, string, string][] = [
  ['Capabilities', 'capabilities', '*core.Capabilities'],
  ['Privileged', 'privileged', '*bool'],
  ['SELinuxOptions', 'seLinuxOptions', '*core.SELinuxOptions'],
  ['WindowsOptions', 'windowsOptions', '*core.WindowsSecurityContextOptions'],
  ['RunAsUser', 'runAsUser', '*int64'],
  ['RunAsGroup', 'runAsGroup', '*int64'],
  ['RunAsNonRoot', 'runAsNonRoot', '*bool'],
  ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', '*bool'],
  ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', '*bool'],
  ['ProcMount', 'procMount', '*core.ProcMountType'],
  ['SeccompProfile', 'seccompProfile', '*core.SeccompProfile'],
  ['AppArmorProfile', 'appArmorProfile', '*core.AppArmorProfile'],
];

const SECCOMP_PROFILE_FIELDS: [string, string, string][] = [
  ['Type', 'type', 'core.SeccompProfileType'],
  ['LocalhostProfile', 'localhostProfile', '*string'],
];

const checkId = (field: string, id: number | undefined) =>
  id !== undefined && (id < 0 || id > MAX_ID) ? [invalidValue(field, id, inclusiveRange(0, MAX_ID))] : [];

function validateSeccompProfile(profile: SeccompProfile | undefined, field: string): StatusCause[] {
  if (!profile) return [];
  const causes: StatusCause[] = [];
  if (!profile.type) causes.push(required(`${field}.type`, 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(profile.type)) causes.push(notSupported(`${field}.type`, profile.type, SECCOMP_TYPES));
  if (profile.type === 'Localhost') {
    if (profile.localhostProfile === undefined) causes.push(required(`${field}.localhostProfile`, 'must be set when seccomp type is Localhost'));
  } else if (profile.localhostProfile !== undefined) {
    causes.push(invalid(`${field}.localhostProfile`, goStruct('SeccompProfile', SECCOMP_PROFILE_FIELDS, profile), 'can only be set when seccomp type is Localhost'));
  }
  return causes;
}

/** A container's securityContext (upstream's ValidateSecurityContext). */
function validateSecurityContext(sc: SecurityContext | undefined, field: string): StatusCause[] {
  if (!sc) return [];
  const causes = [...checkId(`${field}.runAsUser`, sc.runAsUser), ...checkId(`${field}.runAsGroup`, sc.runAsGroup)];
  if (sc.procMount !== undefined) {
    if (!PROC_MOUNTS.includes(sc.procMount)) causes.push(notSupported(`${field}.procMount`, sc.procMount, PROC_MOUNTS));
    // Every pod here shares the host's user namespace (hostUsers is not served).
    if (sc.procMount === 'Unmasked') causes.push(invalidValue(`${field}.procMount`, sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  causes.push(...validateSeccompProfile(sc.seccompProfile, `${field}.seccompProfile`));
  if (sc.allowPrivilegeEscalation === false) {
    const rendered = goStruct('SecurityContext', SECURITY_CONTEXT_FIELDS, sc);
    if (sc.privileged) causes.push(invalid(field, rendered, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') causes.push(invalid(field, rendered, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  return causes;
}

/** Which of the host's namespaces a sysctl lives in, if it is namespaced there at all. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const dotted = name.includes('/') ? name.replaceAll('.', '\0').replaceAll('/', '.').replaceAll('\0', '/') : name;
  if (dotted.startsWith('net.')) return 'net';
  if (dotted === 'kernel.sem' || /^kernel\.(shm|msg)/.test(dotted) || dotted.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

/** The pod-level securityContext, with the host namespaces that sit beside it in the v1 spec. */
function validatePodSecurityContext(spec: PodSpec, field: string): StatusCause[] {
  const sc = spec.securityContext;
  if (!sc) return [];
  const causes = [...checkId(`${field}.fsGroup`, sc.fsGroup), ...checkId(`${field}.runAsUser`, sc.runAsUser), ...checkId(`${field}.runAsGroup`, sc.runAsGroup)];
  (sc.supplementalGroups ?? []).forEach((gid, i) => causes.push(...checkId(`${field}.supplementalGroups[${i}]`, gid)));
  if (spec.shareProcessNamespace && spec.hostPID) {
    causes.push(invalidValue(`${field}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const seen = new Set<string>();
  for (const [i, { name = '' }] of (sc.sysctls ?? []).entries()) {
    const at = `${field}.sysctls[${i}].name`;
    if (!name) causes.push(required(at));
    else if (name.length > 253 || !SYSCTL_NAME.test(name)) causes.push(invalidValue(at, name, `must have at most 253 characters and match regex ${SYSCTL_NAME.source}`));
    else if (seen.has(name)) causes.push(duplicate(at, name));
    const ns = sysctlNamespace(name);
    if (ns === 'net' && spec.hostNetwork) causes.push(invalidValue(at, name, "may not be specified when 'hostNetwork' is true"));
    if (ns === 'ipc' && spec.hostIPC) causes.push(invalidValue(at, name, "may not be specified when 'hostIPC' is true"));
    seen.add(name);
  }
  if (sc.fsGroupChangePolicy !== undefined && !FS_GROUP_CHANGE_POLICIES.includes(sc.fsGroupChangePolicy)) {
    causes.push(notSupported(`${field}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, FS_GROUP_CHANGE_POLICIES));
  }
  causes.push(...validateSeccompProfile(sc.seccompProfile, `${field}.seccompProfile`));
  return causes;
}

/** A port name is an IANA service name: short, lower case, with a letter, hyphens only inside. */
function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!IANA_SVC_NAME.test(name)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

const validPort = (port: number) => Number.isInteger(port) && port >= 1 && port <= 65535;

/** Names unique within the container, port numbers in range, a known protocol. */
function validatePorts(ports: ContainerPort[], field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  for (const [j, p] of ports.entries()) {
    const at = `${field}[${j}]`;
    if (p.name) {
      const problems = portNameProblems(p.name);
      causes.push(...problems.map((problem) => invalidValue(`${at}.name`, p.name, problem)));
      if (!problems.length && names.has(p.name)) causes.push(duplicate(`${at}.name`, p.name));
      names.add(p.name);
    }
    if (p.containerPort === undefined) causes.push(required(`${at}.containerPort`));
    else if (!validPort(p.containerPort)) causes.push(invalidValue(`${at}.containerPort`, p.containerPort, inclusiveRange(1, 65535)));
    if (p.hostPort && !validPort(p.hostPort)) causes.push(invalidValue(`${at}.hostPort`, p.hostPort, inclusiveRange(1, 65535)));
    if (p.protocol !== undefined && !PORT_PROTOCOLS.includes(p.protocol)) causes.push(notSupported(`${at}.protocol`, p.protocol, PORT_PROTOCOLS));
  }
  return causes;
}

function validateContainers(list: Container[] | undefined, path: string, names: Set<string>, volumes: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  (list ?? []).forEach((c, i) => {
    for (const [j, m] of ((c.volumeMounts as { name?: string; mountPath?: string }[] | undefined) ?? []).entries()) {
      if (!m.name) causes.push(required(`${path}[${i}].volumeMounts[${j}].name`));
      else if (!volumes.has(m.name)) {
        causes.push({ reason: 'FieldValueNotFound', message: `Not found: ${JSON.stringify(m.name)}`, field: `${path}[${i}].volumeMounts[${j}].name` });
      }
      if (!m.mountPath) causes.push(required(`${path}[${i}].volumeMounts[${j}].mountPath`));
    }
    for (const [j, e] of ((c.env as { name?: string }[] | undefined) ?? []).entries()) {
      if (!e.name) causes.push(required(`${path}[${i}].env[${j}].name`));
      else if (!ENV_NAME.test(e.name)) {
        causes.push(
          invalidValue(
            `${path}[${i}].env[${j}].name`,
            e.name,
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
          ),
        );
      }
    }
    const at = `${path}[${i}]`;
    if (!c.name) causes.push(required(`${at}.name`));
    else {
      causes.push(...checkLabel(`${at}.name`, c.name));
      if (names.has(c.name)) causes.push(duplicate(`${at}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image) causes.push(required(`${at}.image`));
    if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) causes.push(notSupported(`${at}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      causes.push(...validateProbe(c[probe] as Record<string, unknown> | undefined, `${at}.${probe}`));
    }
    causes.push(...validateResources(c.resources as Resources | undefined, `${at}.resources`));
    causes.push(...validatePorts(c.ports ?? [], `${at}.ports`));
    causes.push(...validateSecurityContext(c.securityContext, `${at}.securityContext`));
  });
  return causes;
}

/** A probe names exactly one way to check (upstream's messages for none and for several). */
function validateProbe(probe: Record<string, unknown> | undefined, field: string): StatusCause[] {
  if (!probe) return [];
  const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
  if (handlers.length === 0) return [required(field, 'must specify a handler type')];
  return handlers.slice(1).map((h) => forbidden(`${field}.${h}`, 'may not specify more than 1 handler type'));
}

/** Requests may not exceed limits: `must be less than or equal to cpu limit of 500m`. */
function validateResources(resources: Resources | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, request] of Object.entries(resources?.requests ?? {})) {
    const limit = resources?.limits?.[name];
    if (limit === undefined) continue;
    const [r, l] = [parseQuantity(request), parseQuantity(limit)];
    if (r !== undefined && l !== undefined && r > l) {
      causes.push(invalidValue(`${field}.requests`, request, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return causes;
}

/** With the host's network, a port is the host's port: hostPort (defaulted to it) must equal containerPort. */
function validateHostNetworkPorts(spec: PodSpec): StatusCause[] {
  if (!spec.hostNetwork) return [];
  return (spec.containers ?? []).flatMap((c, i) =>
    (c.ports ?? []).flatMap((p, j) =>
      (p.hostPort ?? 0) !== p.containerPort
        ? [invalidValue(`spec.containers[${i}].ports[${j}].hostPort`, p.hostPort ?? 0, 'must match `containerPort` when `hostNetwork` is true')]
        : [],
    ),
  );
}

/** Upstream v1.32 checks a node selector's expressions, not yet their values. */
const validateNodeSelectorTerm = (term: NodeSelectorTerm | undefined, field: string) =>
  (term?.matchExpressions ?? []).flatMap((e, j) => checkRequirement(`${field}.matchExpressions[${j}]`, e, true));

const checkWeight = (weight: number | undefined, field: string) =>
  !weight || weight < 1 || weight > 100 ? [invalidValue(field, weight ?? 0, 'must be in the range 1-100')] : [];

function validatePodAffinityTerm(term: PodAffinityTerm, field: string): StatusCause[] {
  const causes = [...checkLabelSelector(`${field}.labelSelector`, term.labelSelector), ...checkLabelSelector(`${field}.namespaceSelector`, term.namespaceSelector)];
  if (!term.topologyKey) causes.push(required(`${field}.topologyKey`, 'can not be empty'));
  return [...causes, ...checkQualifiedName(`${field}.topologyKey`, term.topologyKey ?? '')];
}

function validatePodAffinity(affinity: PodAffinity | undefined, field: string): StatusCause[] {
  if (!affinity) return [];
  const hard = (affinity.requiredDuringSchedulingIgnoredDuringExecution ?? []).flatMap((term, i) =>
    validatePodAffinityTerm(term, `${field}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`),
  );
  const preferred = (affinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).flatMap((term, i) => {
    const at = `${field}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    return [...checkWeight(term.weight, `${at}.weight`), ...validatePodAffinityTerm(term.podAffinityTerm ?? {}, `${at}.podAffinityTerm`)];
  });
  return [...hard, ...preferred];
}

function validateAffinity(affinity: Affinity | undefined, field: string): StatusCause[] {
  if (!affinity) return [];
  const causes: StatusCause[] = [];
  const node = affinity.nodeAffinity;
  const hard = node?.requiredDuringSchedulingIgnoredDuringExecution;
  if (hard) {
    const at = `${field}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (!hard.nodeSelectorTerms?.length) causes.push(required(at, 'must have at least one node selector term'));
    else hard.nodeSelectorTerms.forEach((term, i) => causes.push(...validateNodeSelectorTerm(term, `${at}[${i}]`)));
  }
  for (const [i, term] of (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).entries()) {
    const at = `${field}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    causes.push(...checkWeight(term.weight, `${at}.weight`), ...validateNodeSelectorTerm(term.preference, `${at}.preference`));
  }
  causes.push(...validatePodAffinity(affinity.podAffinity, `${field}.podAffinity`));
  causes.push(...validatePodAffinity(affinity.podAntiAffinity, `${field}.podAntiAffinity`));
  return causes;
}

function validateDNSConfig(spec: PodSpec, field: string): StatusCause[] {
  const config = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!config) return [required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!config.nameservers?.length) return [required(`${field}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return [];
  const causes: StatusCause[] = [];
  const nameservers = config.nameservers ?? [];
  const searches = config.searches ?? [];
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    causes.push(invalid(`${field}.nameservers`, goStrings(nameservers), `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  }
  nameservers.forEach((ns, i) => causes.push(...checkIP(`${field}.nameservers[${i}]`, ns)));
  if (searches.length > MAX_DNS_SEARCHES) causes.push(invalid(`${field}.searches`, goStrings(searches), `must not have more than ${MAX_DNS_SEARCHES} search paths`));
  if (searches.join(' ').length > MAX_DNS_SEARCH_CHARS) {
    causes.push(invalid(`${field}.searches`, goStrings(searches), `must not have more than ${MAX_DNS_SEARCH_CHARS} characters (including spaces) in the search list`));
  }
  searches.forEach((search, i) => causes.push(...checkSubdomain(`${field}.searches[${i}]`, search.replace(/\.$/, ''))));
  (config.options ?? []).forEach((o, i) => {
    if (!o.name) causes.push(required(`${field}.options[${i}]`, 'must not be empty'));
  });
  return causes;
}

function validateTolerations(tolerations: Toleration[], field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [i, t] of tolerations.entries()) {
    const at = `${field}[${i}]`;
    const operator = t.operator ?? '';
    if (t.key) causes.push(...checkQualifiedName(`${at}.key`, t.key));
    if (!t.key && operator !== 'Exists') {
      causes.push(invalidValue(`${at}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      causes.push(invalidValue(`${at}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      // Upstream joins the label-value problems into one message.
      const problems = labelValueProblems(t.value ?? '');
      if (problems.length) causes.push(invalidValue(`${at}.operator`, t.value ?? '', problems.join(';')));
    } else if (operator === 'Exists') {
      if (t.value) causes.push(invalidValue(`${at}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    } else {
      causes.push(notSupported(`${at}.operator`, operator, TOLERATION_OPERATORS));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) causes.push(notSupported(`${at}.effect`, t.effect, TAINT_EFFECTS));
  }
  return causes;
}

function validateTopologySpread(constraints: TopologySpreadConstraint[], field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [i, c] of constraints.entries()) {
    const at = `${field}[${i}]`;
    if (!c.maxSkew || c.maxSkew <= 0) causes.push(invalidValue(`${at}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) causes.push(required(`${at}.topologyKey`, 'can not be empty'));
    const action = c.whenUnsatisfiable ?? '';
    if (!WHEN_UNSATISFIABLE.includes(action)) causes.push(notSupported(`${at}.whenUnsatisfiable`, action, WHEN_UNSATISFIABLE));
    if (constraints.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      causes.push(duplicate(`${at}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey ?? ''}, ${action}}`));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) causes.push(invalidValue(`${at}.minDomains`, c.minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        causes.push(invalidValue(`${at}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
      }
    }
    causes.push(...checkLabelSelector(`${at}.labelSelector`, c.labelSelector));
  }
  return causes;
}

/** A name that must be a DNS subdomain when set (serviceAccountName, nodeName, priorityClassName). */
const checkOptionalSubdomain = (field: string, value: string | undefined) => (value ? checkSubdomain(field, value) : []);

/** Upstream's ValidatePodSpec, for a pod (not a template): its checks in upstream's order. */
export function validatePodSpec(spec: PodSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!spec.containers?.length) causes.push(required('spec.containers'));
  const volumes = new Set<string>();
  for (const [i, v] of (spec.volumes ?? []).entries()) {
    if (!v.name) causes.push(required(`spec.volumes[${i}].name`));
    else if (volumes.has(v.name)) causes.push(duplicate(`spec.volumes[${i}].name`, v.name));
    else {
      causes.push(...checkLabel(`spec.volumes[${i}].name`, v.name));
      volumes.add(v.name);
    }
  }
  const names = new Set<string>();
  causes.push(...validateContainers(spec.initContainers, 'spec.initContainers', names, volumes));
  causes.push(...validateContainers(spec.containers, 'spec.containers', names, volumes));
  causes.push(...validateHostNetworkPorts(spec));
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    causes.push(notSupported('spec.restartPolicy', spec.restartPolicy, RESTART_POLICIES));
  }
  if (spec.dnsPolicy && !DNS_POLICIES.includes(spec.dnsPolicy)) causes.push(notSupported('spec.dnsPolicy', spec.dnsPolicy, DNS_POLICIES));
  causes.push(...checkLabels('spec.nodeSelector', spec.nodeSelector ?? {}));
  causes.push(...validatePodSecurityContext(spec, 'spec.securityContext'));
  causes.push(...validateAffinity(spec.affinity, 'spec.affinity'));
  causes.push(...validateDNSConfig(spec, 'spec.dnsConfig'));
  causes.push(...validateTopologySpread(spec.topologySpreadConstraints ?? [], 'spec.topologySpreadConstraints'));
  causes.push(...checkOptionalSubdomain('spec.serviceAccountName', spec.serviceAccountName));
  causes.push(...checkOptionalSubdomain('spec.nodeName', spec.nodeName));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_ID)) {
    causes.push(invalidValue('spec.activeDeadlineSeconds', deadline, inclusiveRange(1, MAX_ID)));
  }
  if (spec.hostname) causes.push(...checkLabel('spec.hostname', spec.hostname));
  if (spec.subdomain) causes.push(...checkLabel('spec.subdomain', spec.subdomain));
  causes.push(...validateTolerations(spec.tolerations ?? [], 'spec.tolerations'));
  causes.push(...checkOptionalSubdomain('spec.priorityClassName', spec.priorityClassName));
  return causes;
}

/** What only a create checks: ephemeral containers come later, through their own subresource. */
export function validatePodCreate(pod: KubeObject): StatusCause[] {
  const spec = (pod as Pod).spec ?? {};
  return spec.ephemeralContainers?.length ? [forbidden('spec.ephemeralContainers', 'cannot be set on create')] : [];
}

/** What may change on a pod after creation: images, activeDeadlineSeconds, added tolerations. */
function mutableView(spec: PodSpec | undefined): unknown {
  const clean = structuredClone(spec ?? {});
  for (const c of [...(clean.containers ?? []), ...(clean.initContainers ?? [])]) delete c.image;
  delete clean.activeDeadlineSeconds;
  delete clean.tolerations;
  return clean;
}

export function validatePodUpdate(pod: KubeObject, old: KubeObject): StatusCause[] {
  if (isDeepStrictEqual(mutableView((pod as Pod).spec), mutableView((old as Pod).spec))) return [];
  return [
    forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}

export const validatePod = (pod: KubeObject) => validatePodSpec((pod as Pod).spec ?? {});
