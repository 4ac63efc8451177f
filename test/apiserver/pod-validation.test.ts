// Pod spec validation against upstream v1.32's field paths and messages:
// each rule called directly, then a few through the real kubectl, which must
// print upstream's text and store nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePod, validatePodCreate } from '../../src/apiserver/registry/core/pod-validation.js';
import { startCluster } from '../cluster.js';
import { podManifest } from '../manifests.js';

const APP = { name: 'app', image: 'nginx' };

/** The `field: message` lines validation gives for a pod with `extra` in its spec. */
function problems(extra: Record<string, unknown>, container: Record<string, unknown> = {}): string[] {
  const pod = { metadata: { name: 'p' }, spec: { containers: [{ ...APP, ...container }], ...extra } };
  return [...validatePod(pod), ...validatePodCreate(pod)].map((c) => `${c.field}: ${c.message}`);
}

describe('pod validation rules', () => {
  it('accepts a pod that uses every checked field well', () => {
    assert.deepEqual(
      problems(
        {
          securityContext: { runAsUser: 1000, fsGroup: 2000, sysctls: [{ name: 'net.ipv4.ip_local_port_range' }], seccompProfile: { type: 'RuntimeDefault' } },
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['3'] }] }] },
            },
            podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] },
          },
          tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 5 }, { operator: 'Exists' }],
          hostname: 'web',
          subdomain: 'svc',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          dnsPolicy: 'None',
          dnsConfig: { nameservers: ['10.0.0.10', '2001:db8::1'], searches: ['svc.cluster.local.'] },
          activeDeadlineSeconds: 60,
          priorityClassName: 'high',
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
        },
        { ports: [{ name: 'http', containerPort: 80, hostPort: 8080, protocol: 'SCTP' }], securityContext: { runAsGroup: 0, allowPrivilegeEscalation: false } },
      ),
      [],
    );
  });

  it('checks user and group IDs in both security contexts', () => {
    assert.deepEqual(problems({ securityContext: { runAsUser: -1, runAsGroup: 2147483648, fsGroup: -5 } }), [
      'spec.securityContext.fsGroup: Invalid value: -5: must be between 0 and 2147483647, inclusive',
      'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      'spec.securityContext.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive',
    ]);
    assert.deepEqual(problems({}, { securityContext: { runAsUser: -1 } }), [
      'spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    ]);
  });

  it('refuses privileged without privilege escalation, printing the whole context as Go does', () => {
    const [problem, ...rest] = problems({}, { securityContext: { privileged: true, allowPrivilegeEscalation: false } });
    assert.deepEqual(rest, []);
    assert.match(
      problem,
      /^spec\.containers\[0\]\.securityContext: Invalid value: core\.SecurityContext\{Capabilities:\(\*core\.Capabilities\)\(nil\), Privileged:\(\*bool\)\(0xc[0-9a-f]+\), SELinuxOptions:\(\*core\.SELinuxOptions\)\(nil\), .*AllowPrivilegeEscalation:\(\*bool\)\(0xc[0-9a-f]+\), ProcMount:\(\*core\.ProcMountType\)\(nil\), SeccompProfile:\(\*core\.SeccompProfile\)\(nil\), AppArmorProfile:\(\*core\.AppArmorProfile\)\(nil\)\}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/,
    );
    assert.match(
      problems({}, { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } })[0],
      /: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN$/,
    );
  });

  it('checks seccomp profiles, proc mounts and sysctls', () => {
    assert.deepEqual(problems({ securityContext: { seccompProfile: { type: 'Strict' } } }), [
      'spec.securityContext.seccompProfile.type: Unsupported value: "Strict": supported values: "Localhost", "RuntimeDefault", "Unconfined"',
    ]);
    assert.deepEqual(problems({}, { securityContext: { seccompProfile: { type: 'Localhost' } } }), [
      'spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
    ]);
    assert.deepEqual(problems({}, { securityContext: { procMount: 'Open' } }), [
      'spec.containers[0].securityContext.procMount: Unsupported value: "Open": supported values: "Default", "Unmasked"',
    ]);
    assert.deepEqual(problems({ hostNetwork: true, securityContext: { sysctls: [{ name: 'Kernel.Bad' }, { name: 'net.core.somaxconn' }, { name: 'net.core.somaxconn' }] } }), [
      'spec.securityContext.sysctls[0].name: Invalid value: "Kernel.Bad": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
      "spec.securityContext.sysctls[1].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true",
      'spec.securityContext.sysctls[2].name: Duplicate value: "net.core.somaxconn"',
      "spec.securityContext.sysctls[2].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true",
    ]);
  });

  it('checks node affinity terms, operators and weights', () => {
    const required = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    const at = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
    assert.deepEqual(problems(required([])), [`${at}: Required value: must have at least one node selector term`]);
    assert.deepEqual(
      problems(
        required([
          {
            matchExpressions: [
              { key: 'a', operator: 'In' },
              { key: 'b', operator: 'Exists', values: ['x'] },
              { key: 'c', operator: 'Lt', values: ['1', '2'] },
              { key: 'd', operator: 'Near' },
              { key: 'a/b/c', operator: 'Exists' },
            ],
          },
        ]),
      ),
      [
        `${at}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
        `${at}[0].matchExpressions[1].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
        `${at}[0].matchExpressions[2].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
        `${at}[0].matchExpressions[3].operator: Invalid value: "Near": not a valid selector operator`,
        `${at}[0].matchExpressions[4].key: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    );
    assert.deepEqual(problems({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: {} }] } } }), [
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100',
    ]);
  });

  it('checks pod (anti-)affinity topology keys, weights and selectors', () => {
    assert.deepEqual(problems({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } } }), [
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
      "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    const term = { topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn' }] } };
    assert.deepEqual(problems({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: term }] } } }), [
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
      "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it('checks tolerations', () => {
    assert.deepEqual(
      problems({
        tolerations: [
          { key: 'k', operator: 'Exists', value: 'v' },
          { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule', tolerationSeconds: 10 },
          { key: 'k', operator: 'Maybe' },
          { key: 'k', operator: 'Equal', effect: 'Sometimes' },
          { operator: 'Equal' },
          { key: 'bad key', operator: 'Exists' },
        ],
      }),
      [
        "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
        "spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        'spec.tolerations[2].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
        'spec.tolerations[3].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
        'spec.tolerations[4].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        "spec.tolerations[5].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    );
  });

  it('checks hostname, subdomain, nodeSelector, priority class and deadlines', () => {
    const label =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    assert.deepEqual(problems({ hostname: 'Web_1', subdomain: 'a.b' }), [
      `spec.hostname: Invalid value: "Web_1": ${label}`,
      `spec.subdomain: Invalid value: "a.b": ${label}`,
    ]);
    assert.deepEqual(problems({ nodeSelector: { disk: 'fast ssd' } }), [
      "spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
    assert.match(problems({ priorityClassName: 'High' })[0], /^spec\.priorityClassName: Invalid value: "High": a lowercase RFC 1123 subdomain must consist of/);
    assert.deepEqual(problems({ activeDeadlineSeconds: 0 }), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
  });

  it('checks DNS config against the DNS policy and resolver limits', () => {
    assert.deepEqual(problems({ dnsPolicy: 'None' }), ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
    assert.deepEqual(problems({ dnsPolicy: 'None', dnsConfig: { searches: ['a'] } }), [
      'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
    ]);
    assert.deepEqual(problems({ dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', 'resolver'], searches: Array(33).fill('a'), options: [{}] } }), [
      'spec.dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "8.8.8.8", "9.9.9.9", "resolver"}: must not have more than 3 nameservers',
      'spec.dnsConfig.nameservers[3]: Invalid value: "resolver": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      `spec.dnsConfig.searches: Invalid value: []string{${Array(33).fill('"a"').join(', ')}}: must not have more than 32 search paths`,
      'spec.dnsConfig.options[0]: Required value: must not be empty',
    ]);
  });

  it('checks port names, host ports, protocols and host networking', () => {
    assert.deepEqual(
      problems({}, { ports: [{ name: 'HTTP', containerPort: 80 }, { name: 'web', containerPort: 81 }, { name: 'web', containerPort: 82, hostPort: 70000, protocol: 'ICMP' }] }),
      [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
        'spec.containers[0].ports[2].name: Duplicate value: "web"',
        'spec.containers[0].ports[2].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.containers[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      ],
    );
    assert.deepEqual(problems({ hostNetwork: true }, { ports: [{ containerPort: 80, hostPort: 8080 }] }), [
      'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    ]);
  });

  it('checks topology spread constraints', () => {
    assert.deepEqual(
      problems({
        topologySpreadConstraints: [
          { maxSkew: 0, whenUnsatisfiable: 'Sometimes' },
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
        ],
      }),
      [
        'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
        'spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty',
        'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Sometimes": supported values: "DoNotSchedule", "ScheduleAnyway"',
        'spec.topologySpreadConstraints[1].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
      ],
    );
  });

  it('forbids ephemeral containers on create', () => {
    assert.deepEqual(problems({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }), ['spec.ephemeralContainers: Forbidden: cannot be set on create']);
  });
});

const POD = podManifest;

describe('pod validation through kubectl', () => {
  it('prints upstream text for invalid pods and stores none of them', async (t) => {
    const c = await startCluster(t);
    const cases: [string, string, string][] = [
      ['tol', 'The Pod "tol" is invalid: spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'', '  tolerations:\n  - key: k\n    operator: Exists\n    value: v\n'],
      ['aff', 'The Pod "aff" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term', '  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: []\n'],
      ['dns', 'The Pod "dns" is invalid: spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None', '  dnsPolicy: None\n  dnsConfig:\n    searches: [svc.local]\n'],
      ['uid', 'The Pod "uid" is invalid: spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive', '  securityContext:\n    runAsUser: -1\n'],
      ['eph', 'The Pod "eph" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create', '  ephemeralContainers:\n  - name: debug\n    image: busybox\n'],
    ];
    for (const [name, stderr, spec] of cases) {
      const result = await c.kubectl(['create', '-f', '-'], { input: POD(name, spec) });
      assert.equal(result.code, 1, name);
      assert.equal(result.stderr.trim(), stderr);
    }
    assert.equal(await c.ok(['get', 'pods', '-A', '-o', 'name']), '');
  });

  it('defaults a host-network pod\'s hostPort to its containerPort, so the pod is valid', async (t) => {
    const c = await startCluster(t);
    const hostPort = await c.ok(['create', '-f', '-', '-o', 'jsonpath={.spec.containers[0].ports[0].hostPort}'], {
      input: POD('host', '    ports:\n    - containerPort: 8080\n  hostNetwork: true\n'),
    });
    assert.equal(hostPort, '8080');
  });
});
