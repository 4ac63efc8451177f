// The apps/v1 kinds through the real kubectl: the tutorial's Deployment
// verbatim, upstream's defaults, generation counting, validation messages,
// printer columns, explain and discovery. Statuses are read from the create
// responses, as the API server leaves them before any controller writes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startCluster, type TestCluster } from '../cluster.js';

const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'seeds', 'nginx-deploy.yaml');

/** A Deployment-shaped manifest; `spec` replaces the default spec body. */
const workload = (kind: string, name: string, spec: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
${spec}`;

const WEB_SPEC = `  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const deployment = (name: string, spec = WEB_SPEC) => workload('Deployment', name, spec);

/** kubectl's message for an invalid object: one cause on the line, several as a list. */
function invalidMessage(kind: string, name: string, causes: string[]): string {
  const head = `The ${kind} "${name}" is invalid: `;
  return causes.length === 1 ? head + causes[0] : `${head}\n${causes.map((c) => `* ${c}`).join('\n')}`;
}

async function rejects(c: TestCluster, manifest: string, kind: string, name: string, causes: string[]): Promise<void> {
  const r = await c.kubectl(['apply', '-f', '-'], { input: manifest });
  assert.equal(r.code, 1, r.stdout);
  assert.equal(r.stderr.trim(), invalidMessage(kind, name, causes));
}

/** No controllers: what these tests see is what the API stored. */
const API_ONLY = ['--disable-controller-manager'];

const json = async (c: TestCluster, ...args: string[]) => JSON.parse(await c.ok(['get', ...args, '-o', 'json']));

describe('apps/v1 through kubectl', () => {
  it("applies the tutorial's Deployment verbatim and prints it as upstream", async (t) => {
    const c = await startCluster(t, API_ONLY);
    assert.equal((await c.ok(['apply', '-f', SEED])).trim(), 'deployment.apps/nginx-test created');
    assert.match(await c.ok(['get', 'deploy', '-l', 'app=nginx-deploy']), /^NAME {9}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nnginx-test {3}0\/2 {5}0 {12}0 {11}\d+s\n$/);
    assert.match(
      await c.ok(['get', 'deployments.apps', 'nginx-test', '-o', 'wide']),
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nnginx-test\s+0\/2\s+0\s+0\s+\d+s\s+my-nginx\s+xianchao\/nginx:v1\s+app=nginx\n$/,
    );
    assert.match(await c.ok(['get', 'all']), /^deployment\.apps\/nginx-test\s+0\/2\s+0\s+0\s+\d+s$/m);
    const d = await json(c, 'deploy', 'nginx-test');
    assert.equal(d.metadata.generation, 1);
    assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(d.spec.replicas, 2);
    assert.equal(d.spec.revisionHistoryLimit, 10);
    assert.equal(d.spec.progressDeadlineSeconds, 600);
    assert.deepEqual(d.status, {});
    const pod = d.spec.template.spec;
    assert.deepEqual(
      [pod.restartPolicy, pod.terminationGracePeriodSeconds, pod.dnsPolicy, pod.schedulerName, pod.securityContext],
      ['Always', 30, 'ClusterFirst', 'default-scheduler', {}],
    );
    assert.deepEqual(pod.containers[0], {
      name: 'my-nginx',
      image: 'xianchao/nginx:v1',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    // The status subresource writes only the status; the main resource cannot.
    await c.ok(['patch', 'deploy', 'nginx-test', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":2,"readyReplicas":1}}']);
    await c.ok(['patch', 'deploy', 'nginx-test', '--type=merge', '-p', '{"status":{"readyReplicas":2}}']);
    assert.match(await c.ok(['get', 'deploy', 'nginx-test', '--no-headers']), /^nginx-test\s+1\/2\s+0\s+0\s+\d+s\n$/);
  });

  // kubectl 1.27 computes apply's patch from OpenAPI v2: it needs the schema down to spec.template.metadata.labels.
  it('re-applies a changed Deployment with kubectl 1.27', async (t) => {
    const c = await startCluster(t, API_ONLY);
    const binary = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';
    const seed = fs.readFileSync(SEED, 'utf8');
    assert.equal((await c.ok(['apply', '-f', '-'], { input: seed, binary })).trim(), 'deployment.apps/nginx-test created');
    assert.equal((await c.ok(['apply', '-f', '-'], { input: seed.replace('replicas: 2', 'replicas: 3'), binary })).trim(), 'deployment.apps/nginx-test configured');
    assert.equal(await c.ok(['get', 'deploy', 'nginx-test', '-o', 'jsonpath={.spec.replicas}']), '3');
  });

  it('counts spec and annotation changes in metadata.generation, not label changes', async (t) => {
    const c = await startCluster(t, API_ONLY);
    await c.ok(['apply', '-f', SEED]);
    const generation = async () => Number(await c.ok(['get', 'deploy', 'nginx-test', '-o', 'jsonpath={.metadata.generation}']));
    await c.ok(['set', 'image', 'deploy/nginx-test', 'my-nginx=xianchao/nginx:v2']);
    assert.equal(await generation(), 2);
    await c.ok(['label', 'deploy', 'nginx-test', 'tier=web']);
    assert.equal(await generation(), 2);
    await c.ok(['annotate', 'deploy', 'nginx-test', 'kubernetes.io/change-cause=v2']);
    assert.equal(await generation(), 3);
    // A typed create (protobuf) starts at 1 too.
    assert.equal((await c.ok(['create', 'deployment', 'typed', '--image=nginx', '--replicas=3'])).trim(), 'deployment.apps/typed created');
    const typed = await json(c, 'deploy', 'typed');
    assert.deepEqual([typed.metadata.generation, typed.spec.replicas, typed.spec.selector], [1, 3, { matchLabels: { app: 'typed' } }]);
  });

  it('answers invalid Deployments with upstream messages and stores none', async (t) => {
    const c = await startCluster(t, API_ONLY);
    const noSelector = WEB_SPEC.replace('  selector:\n    matchLabels:\n      app: web\n', '');
    await rejects(c, deployment('d1', noSelector), 'Deployment', 'd1', [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    await rejects(c, deployment('d2', WEB_SPEC.replace('    matchLabels:\n      app: web\n', '    matchLabels: {}\n')), 'Deployment', 'd2', [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
    await rejects(c, deployment('d3', WEB_SPEC.replace('        app: web\n', '        app: other\n        tier: x\n')), 'Deployment', 'd3', [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "tier":"x"}: `selector` does not match template `labels`',
    ]);
    await rejects(c, deployment('d4', `  replicas: -1\n${WEB_SPEC}`), 'Deployment', 'd4', ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    await rejects(c, deployment('d5', `${WEB_SPEC}      restartPolicy: OnFailure\n`), 'Deployment', 'd5', [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    await rejects(c, deployment('d6', `${WEB_SPEC}  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0\n`), 'Deployment', 'd6', [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
    await rejects(c, deployment('d7', `${WEB_SPEC}  strategy:\n    rollingUpdate:\n      maxUnavailable: 120%\n`), 'Deployment', 'd7', [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
    await rejects(c, deployment('d8', `${WEB_SPEC}  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n`), 'Deployment', 'd8', [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    await rejects(c, deployment('d9', `${WEB_SPEC}  strategy:\n    type: BlueGreen\n`), 'Deployment', 'd9', [
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
    await rejects(c, deployment('d10', WEB_SPEC.replace('        image: nginx:1.27\n', '')), 'Deployment', 'd10', ['spec.template.spec.containers[0].image: Required value']);
    await rejects(c, deployment('d11', `  minReadySeconds: 700\n${WEB_SPEC}`), 'Deployment', 'd11', [
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ]);
    // A Deployment's template is checked as a ReplicaSet's, and upstream says so.
    await rejects(c, deployment('d12', `${WEB_SPEC}      activeDeadlineSeconds: 60\n`), 'Deployment', 'd12', [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
    const typo = await c.kubectl(['apply', '-f', '-'], { input: deployment('d13', `  replica: 2\n${WEB_SPEC}`) });
    assert.match(typo.stderr, /strict decoding error: unknown field "spec\.replica"/);
    assert.equal((await c.ok(['get', 'deploy', '-o', 'name'])).trim(), '');
  });

  it('keeps the selector of an existing Deployment, and lets apply switch its strategy', async (t) => {
    const c = await startCluster(t, API_ONLY);
    await c.ok(['apply', '-f', '-'], { input: deployment('web') });
    // strategy is patched with retainKeys: the defaulted rollingUpdate goes with the type it belonged to.
    await c.ok(['apply', '-f', '-'], { input: deployment('web', `${WEB_SPEC}  strategy:\n    type: Recreate\n`) });
    assert.deepEqual((await json(c, 'deploy', 'web')).spec.strategy, { type: 'Recreate' });
    await rejects(c, deployment('web', WEB_SPEC.replaceAll('app: web', 'app: site')), 'Deployment', 'web', [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"site"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    assert.equal(await c.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.selector.matchLabels.app}']), 'web');
  });

  it('serves ReplicaSets with their defaults, columns and rules', async (t) => {
    const c = await startCluster(t, API_ONLY);
    assert.equal((await c.ok(['apply', '-f', '-'], { input: workload('ReplicaSet', 'web-1', WEB_SPEC) })).trim(), 'replicaset.apps/web-1 created');
    assert.match(await c.ok(['get', 'rs']), /^NAME {4}DESIRED {3}CURRENT {3}READY {3}AGE\nweb-1 {3}1 {9}0 {9}0 {7}\d+s\n$/);
    assert.match(await c.ok(['get', 'rs', '-o', 'wide', '--no-headers']), /^web-1\s+1\s+0\s+0\s+\d+s\s+web\s+nginx:1\.27\s+app=web\n$/);
    const rs = await json(c, 'rs', 'web-1');
    assert.deepEqual([rs.metadata.generation, rs.spec.replicas, rs.status], [1, 1, { replicas: 0 }]);
    // Upstream indexes status.replicas for field selectors (to find empty ReplicaSets).
    assert.equal((await c.ok(['get', 'rs', '--field-selector=status.replicas=0', '-o', 'name'])).trim(), 'replicaset.apps/web-1');
    assert.equal((await c.ok(['get', 'rs', '--field-selector=status.replicas!=0', '-o', 'name'])).trim(), '');
    await rejects(c, workload('ReplicaSet', 'bad', WEB_SPEC.replace('      app: web\n', '      app: web\n    matchExpressions:\n    - key: tier\n      operator: Sometimes\n')), 'ReplicaSet', 'bad', [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Sometimes": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"Sometimes", Values:[]string(nil)}}}: invalid label selector',
    ]);
  });

  it('serves DaemonSets: defaults, the template generation annotation, columns, rolling update rules', async (t) => {
    const c = await startCluster(t, API_ONLY);
    const created = JSON.parse(await c.ok(['create', '--save-config', '-f', '-', '-o', 'json'], { input: workload('DaemonSet', 'agent', WEB_SPEC) }));
    assert.deepEqual(created.status, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    const ds = await json(c, 'ds', 'agent');
    assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(ds.spec.revisionHistoryLimit, 10);
    assert.equal(ds.metadata.annotations['deprecated.daemonset.template.generation'], '1');
    assert.match(
      await c.ok(['get', 'ds']),
      /^NAME {4}DESIRED {3}CURRENT {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}NODE SELECTOR {3}AGE\nagent {3}0 {9}0 {9}0 {7}0 {12}0 {11}<none> {10}\d+s\n$/,
    );
    await c.ok(['set', 'image', 'ds/agent', 'web=nginx:1.28']);
    await c.ok(['label', 'ds', 'agent', 'tier=infra']);
    const updated = await json(c, 'ds', 'agent');
    assert.deepEqual([updated.metadata.generation, updated.metadata.annotations['deprecated.daemonset.template.generation']], [2, '2']);
    await rejects(c, workload('DaemonSet', 'both', `${WEB_SPEC}  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n`), 'DaemonSet', 'both', [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ]);
    await rejects(c, workload('DaemonSet', 'neither', `${WEB_SPEC}  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n`), 'DaemonSet', 'neither', [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
    await rejects(c, workload('DaemonSet', 'surge', `${WEB_SPEC}  updateStrategy:\n    type: Surge\n`), 'DaemonSet', 'surge', [
      'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Surge", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    ]);
    await rejects(c, workload('DaemonSet', 'agent', WEB_SPEC.replaceAll('app: web', 'app: other')), 'DaemonSet', 'agent', [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('serves StatefulSets: defaults, DNS-label names, the fields an update may change', async (t) => {
    const c = await startCluster(t, API_ONLY);
    const claims = '  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n';
    const sts = (name: string, extra = '') => workload('StatefulSet', name, `  serviceName: web\n${WEB_SPEC}${claims}${extra}`);
    const created = JSON.parse(await c.ok(['create', '--save-config', '-f', '-', '-o', 'json'], { input: sts('db') }));
    assert.deepEqual(created.status, { replicas: 0, availableReplicas: 0 });
    const s = await json(c, 'sts', 'db');
    assert.equal(s.spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(s.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(s.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.deepEqual([s.spec.replicas, s.spec.revisionHistoryLimit], [1, 10]);
    assert.equal(s.spec.volumeClaimTemplates[0].spec.volumeMode, 'Filesystem');
    assert.deepEqual(s.spec.volumeClaimTemplates[0].status, { phase: 'Pending' });
    assert.match(await c.ok(['get', 'sts']), /^NAME {3}READY {3}AGE\ndb {5}0\/1 {5}\d+s\n$/);
    assert.match(await c.ok(['get', 'sts', '-o', 'wide', '--no-headers']), /^db\s+0\/1\s+\d+s\s+web\s+nginx:1\.27\n$/);
    // Replicas and the template may change; the service name may not.
    await c.ok(['apply', '-f', '-'], { input: sts('db', '  replicas: 3\n').replace('nginx:1.27', 'nginx:1.28') });
    assert.equal(await c.ok(['get', 'sts', 'db', '-o', 'jsonpath={.metadata.generation}']), '2');
    await rejects(c, sts('db').replace('serviceName: web', 'serviceName: other'), 'StatefulSet', 'db', [
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    await rejects(c, sts('db.v2'), 'StatefulSet', 'db.v2', [
      `metadata.name: Invalid value: "db.v2": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
    await rejects(c, sts('fast', '  podManagementPolicy: Fast\n'), 'StatefulSet', 'fast', ["spec.podManagementPolicy: Invalid value: \"Fast\": must be 'OrderedReady' or 'Parallel'"]);
    await rejects(c, sts('manual', '  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 2\n'), 'StatefulSet', 'manual', [
      "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:2, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
    ]);
    await rejects(c, sts('keep', '  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Keep\n'), 'StatefulSet', 'keep', [
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ]);
  });

  it('serves ControllerRevisions: the owner in CONTROLLER, data that cannot change', async (t) => {
    const c = await startCluster(t, API_ONLY);
    const revision = (data: string) => `apiVersion: apps/v1
kind: ControllerRevision
metadata:
  name: db-7f9c
  ownerReferences:
  - apiVersion: apps/v1
    kind: StatefulSet
    name: db
    uid: 3f0c2a4e-0000-4000-8000-000000000001
    controller: true
${data}revision: 2
`;
    assert.equal((await c.ok(['apply', '-f', '-'], { input: revision('data:\n  spec: {}\n') })).trim(), 'controllerrevision.apps/db-7f9c created');
    assert.match(await c.ok(['get', 'controllerrevisions']), /^NAME {6}CONTROLLER {12}REVISION {3}AGE\ndb-7f9c {3}statefulset\.apps\/db {3}2 {10}\d+s\n$/);
    const changed = await c.kubectl(['replace', '-f', '-'], { input: revision('data:\n  spec: {replicas: 2}\n') });
    assert.match(changed.stderr, /^The ControllerRevision "db-7f9c" is invalid: data: Invalid value: .*: field is immutable\n$/);
    await rejects(c, revision('').replace('db-7f9c', 'empty'), 'ControllerRevision', 'empty', ['data: Required value: data is mandatory']);
  });

  it('explains and discovers the apps kinds', async (t) => {
    const c = await startCluster(t, API_ONLY);
    const explained = await c.ok(['explain', 'deployment.spec.strategy.rollingUpdate']);
    assert.match(explained, /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: rollingUpdate <RollingUpdateDeployment>\n/);
    assert.match(explained, /^ {2}maxSurge\t<string>\n/m);
    assert.match(explained, /^ {2}maxUnavailable\t<string>\n/m);
    assert.match(await c.ok(['explain', 'sts.spec.volumeClaimTemplates.status']), /^FIELD: status <PersistentVolumeClaimStatus>$/m);
    assert.equal(
      await c.ok(['api-resources', '--api-group=apps']),
      [
        'NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND',
        'controllerrevisions                apps/v1      true         ControllerRevision',
        'daemonsets            ds           apps/v1      true         DaemonSet',
        'deployments           deploy       apps/v1      true         Deployment',
        'replicasets           rs           apps/v1      true         ReplicaSet',
        'statefulsets          sts          apps/v1      true         StatefulSet',
        '',
      ].join('\n'),
    );
  });
});
