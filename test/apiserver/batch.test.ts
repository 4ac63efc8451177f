// batch/v1 through kubectl: Jobs and CronJobs are created with upstream's
// defaults, generated selector and labels, printed with upstream's
// columns, rejected with upstream's words (as kubectl prints them), keep
// their selector, count spec changes in metadata.generation, and
// `kubectl create job --from=cronjob/NAME` makes a Job from a cron job's
// template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const jobYaml = (name: string, spec: string, podSpec = '', restartPolicy = 'Never') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
${podSpec}    spec:
      restartPolicy: ${restartPolicy}
      containers:
      - name: main
        image: busybox
`;

const cronYaml = (name: string, spec: string, restartPolicy = 'OnFailure') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
${spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: ${restartPolicy}
          containers:
          - name: hello
            image: busybox
            command: ['echo', 'hi']
`;

describe('batch/v1 through kubectl', () => {
  it('creates, defaults, prints and validates jobs and cron jobs', async (t) => {
    const c = await startCluster(t);

    await t.test('a job: defaults, generated selector and labels, columns', async () => {
      assert.equal(await c.ok(['create', 'job', 'pi', '--image=busybox', '--', 'sh', '-c', 'exit 0']), 'job.batch/pi created\n');
      const uid = await c.ok(['get', 'job', 'pi', '-o', 'jsonpath={.metadata.uid}']);
      const fields = '{.metadata.generation} {.spec.backoffLimit} {.spec.completionMode} {.spec.completions} {.spec.parallelism} {.spec.manualSelector} {.spec.podReplacementPolicy} {.spec.suspend} {.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].imagePullPolicy}';
      assert.equal(await c.ok(['get', 'job', 'pi', '-o', `jsonpath=${fields}`]), '1 6 NonIndexed 1 1 false TerminatingOrFailed false Never Always');
      const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
      assert.deepEqual(JSON.parse(await c.ok(['get', 'job', 'pi', '-o', 'jsonpath={.spec.template.metadata.labels}'])), labels);
      assert.deepEqual(JSON.parse(await c.ok(['get', 'job', 'pi', '-o', 'jsonpath={.metadata.labels}'])), labels);
      assert.deepEqual(JSON.parse(await c.ok(['get', 'job', 'pi', '-o', 'jsonpath={.spec.selector}'])), { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
      assert.match(await c.ok(['get', 'jobs']), /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Running\s+0\/1\s+\d+s\s+\d+s\n$/);
      assert.match(
        await c.ok(['get', 'job', 'pi', '-o', 'wide']),
        new RegExp(`^NAME\\s+STATUS\\s+COMPLETIONS\\s+DURATION\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR\\npi\\s+Running\\s+0/1\\s+\\d+s\\s+\\d+s\\s+pi\\s+busybox\\s+batch.kubernetes.io/controller-uid=${uid}\\n$`),
      );
      assert.match(await c.ok(['get', 'all']), /^job\.batch\/pi\s+Running\s+0\/1\s+/m);
      assert.match(await c.ok(['get', 'jobs', '--field-selector', 'status.successful=0']), /^pi\s+/m);
    });

    await t.test('a cron job: defaults and columns, short name cj', async () => {
      assert.equal(await c.ok(['create', 'cronjob', 'hello', '--image=busybox', '--schedule=*/5 * * * *', '--', 'echo', 'hi']), 'cronjob.batch/hello created\n');
      const fields = '{.metadata.generation} {.spec.concurrencyPolicy} {.spec.suspend} {.spec.successfulJobsHistoryLimit} {.spec.failedJobsHistoryLimit} {.spec.jobTemplate.spec.template.spec.restartPolicy} {.spec.jobTemplate.spec.template.spec.dnsPolicy}';
      assert.equal(await c.ok(['get', 'cj', 'hello', '-o', `jsonpath=${fields}`]), '1 Allow false 3 1 OnFailure ClusterFirst');
      // A job template is not defaulted as a Job is: that happens to each Job made from it.
      assert.equal(await c.ok(['get', 'cj', 'hello', '-o', 'jsonpath={.spec.jobTemplate.spec.backoffLimit}{.spec.jobTemplate.spec.selector}']), '');
      assert.match(await c.ok(['get', 'cronjobs']), /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nhello\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\n$/);
      assert.match(
        await c.ok(['get', 'cj', 'hello', '-o', 'wide']),
        /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nhello\s+\*\/5 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\s+hello\s+busybox\s+<none>\n$/,
      );
      await c.ok(['apply', '-f', '-'], { input: cronYaml('berlin', "  schedule: '0 9 * * *'\n  timeZone: Europe/Berlin\n  suspend: true") });
      assert.match(await c.ok(['get', 'cj', 'berlin']), /\nberlin\s+0 9 \* \* \*\s+Europe\/Berlin\s+True\s+0\s+<none>\s+\d+s\n$/);
    });

    await t.test('kubectl create job --from=cronjob/NAME takes the template and marks the job manual', async () => {
      assert.equal(await c.ok(['create', 'job', 'by-hand', '--from=cronjob/hello']), 'job.batch/by-hand created\n');
      const cjUid = await c.ok(['get', 'cj', 'hello', '-o', 'jsonpath={.metadata.uid}']);
      assert.equal(
        await c.ok(['get', 'job', 'by-hand', '-o', 'jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].uid} {.spec.template.spec.containers[0].command} {.spec.template.spec.restartPolicy} {.spec.backoffLimit}']),
        `manual CronJob/hello/${cjUid} ["echo","hi"] OnFailure 6`,
      );
    });

    await t.test('invalid jobs and cron jobs are rejected in upstream words', async () => {
      const cases: [string, string][] = [
        [jobYaml('always', '  completions: 1', '', 'Always'), 'The Job "always" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n'],
        [jobYaml('neg', '  backoffLimit: -1'), 'The Job "neg" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0\n'],
        [jobYaml('mode', '  completionMode: Sometimes'), 'The Job "mode" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"\n'],
        [jobYaml('indexed', '  completionMode: Indexed\n  parallelism: 2'), 'The Job "indexed" is invalid: spec.completions: Required value: when completion mode is Indexed\n'],
        [
          jobYaml('nomatch', '  manualSelector: true\n  selector:\n    matchLabels:\n      app: a', '    metadata:\n      labels:\n        app: b\n'),
          'The Job "nomatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`\n',
        ],
        [
          jobYaml('success', "  completionMode: Indexed\n  completions: 3\n  successPolicy:\n    rules:\n    - succeededIndexes: '0-5'\n    - succeededCount: 4"),
          [
            'The Job "success" is invalid: ',
            '* spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-5": error parsing succeededIndexes: too large index: "5"',
            '* spec.successPolicy.rules[1].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of specified completions)',
            '',
          ].join('\n'),
        ],
        [cronYaml('bad', "  schedule: 'x'"), 'The CronJob "bad" is invalid: spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]\n'],
        [cronYaml('range', "  schedule: '0 0 * * 7'"), 'The CronJob "range" is invalid: spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7\n'],
        [cronYaml('tz', "  schedule: '@daily'\n  timeZone: Mars/Olympus"), 'The CronJob "tz" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus\n'],
        [cronYaml('local', "  schedule: '@daily'\n  timeZone: Local"), 'The CronJob "local" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones\n'],
        [cronYaml('crontz', "  schedule: 'CRON_TZ=UTC 0 0 * * *'"), 'The CronJob "crontz" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC 0 0 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead\n'],
        [cronYaml('policy', "  schedule: '@hourly'\n  concurrencyPolicy: Sometimes"), 'The CronJob "policy" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"\n'],
        [cronYaml('always', "  schedule: '@hourly'", 'Always'), 'The CronJob "always" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n'],
        [cronYaml('a'.repeat(53), "  schedule: '@hourly'"), `The CronJob "${'a'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters\n`],
      ];
      const policy = `  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        operator: In
        values: [0, 2, 1]
    - action: Explode
      onPodConditions: []
`;
      cases.push([
        jobYaml('policy', policy, '', 'OnFailure'),
        [
          'The Job "policy" is invalid: ',
          '* spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
          '* spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 2, 1}: must be ordered',
          '* spec.podFailurePolicy.rules[1].action: Unsupported value: "Explode": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
          '* spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
          '* spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
          '',
        ].join('\n'),
      ]);
      for (const [manifest, stderr] of cases) {
        const r = await c.kubectl(['create', '-f', '-'], { input: manifest });
        assert.equal(r.code, 1, manifest);
        assert.equal(r.stderr, stderr);
      }
    });

    await t.test('a job keeps its selector and template; other spec changes count in metadata.generation', async () => {
      await c.ok(['apply', '-f', '-'], { input: jobYaml('manual', '  manualSelector: true\n  suspend: true\n  selector:\n    matchLabels:\n      app: manual', '    metadata:\n      labels:\n        app: manual\n        tier: x\n') });
      const r = await c.kubectl(['patch', 'job', 'manual', '--type=merge', '-p', '{"spec":{"selector":{"matchLabels":{"tier":"x"}}}}']);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'The Job "manual" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"manual", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
      );
      const image = await c.kubectl(['set', 'image', 'job/pi', 'pi=nginx']);
      assert.equal(image.code, 1);
      assert.match(image.stderr, /^error: failed to patch image update to pod template: Job\.batch "pi" is invalid: spec\.template: Invalid value: .*: field is immutable\n$/);
      // A suspended job that never started may change where its pods go.
      assert.equal(await c.ok(['patch', 'job', 'manual', '--type=merge', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}']), 'job.batch/manual patched\n');
      assert.equal(await c.ok(['patch', 'job', 'pi', '--type=merge', '-p', '{"spec":{"parallelism":2}}']), 'job.batch/pi patched\n');
      assert.equal(await c.ok(['get', 'job', 'pi', '-o', 'jsonpath={.metadata.generation} {.spec.parallelism}']), '2 2');
      const completions = await c.kubectl(['patch', 'job', 'pi', '--type=merge', '-p', '{"spec":{"completions":3}}']);
      assert.equal(completions.stderr, 'The Job "pi" is invalid: spec.completions: Invalid value: 3: field is immutable\n');
      // An Indexed job may scale completions together with parallelism.
      await c.ok(['apply', '-f', '-'], { input: jobYaml('elastic', '  completionMode: Indexed\n  completions: 2\n  parallelism: 2\n  suspend: true') });
      const alone = await c.kubectl(['patch', 'job', 'elastic', '--type=merge', '-p', '{"spec":{"completions":3}}']);
      assert.equal(alone.stderr, 'The Job "elastic" is invalid: spec.completions: Invalid value: 3: can only be modified in tandem with spec.parallelism\n');
      assert.equal(await c.ok(['patch', 'job', 'elastic', '--type=merge', '-p', '{"spec":{"completions":3,"parallelism":3}}']), 'job.batch/elastic patched\n');
      // Running, then scaled down: the pods of the indexes dropped go.
      await c.ok(['patch', 'job', 'elastic', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
      const indexes = () => c.ok(['get', 'pods', '-l', 'job-name=elastic', '-o', 'jsonpath={.items[*].metadata.labels.batch\\.kubernetes\\.io/job-completion-index}']);
      await eventually(async () => ((await indexes()).split(' ').sort().join(' ') === '0 1 2' ? true : undefined), 10_000, 'pods for indexes 0-2');
      await c.ok(['patch', 'job', 'elastic', '--type=merge', '-p', '{"spec":{"completions":1,"parallelism":1}}']);
      await eventually(async () => ((await indexes()) === '0' ? true : undefined), 10_000, 'only the pod of index 0');
    });

    await t.test("the job controller makes pods that carry the tracking finalizer, and lets them go when the job goes (then the garbage collector takes them)", async () => {
      const podsOf = async (job: string) =>
        (await c.ok(['get', 'pods', '-l', `batch.kubernetes.io/job-name=${job}`, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.finalizers} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].controller}{"\\n"}{end}'])).trim();
      const pod = await eventually(async () => (await podsOf('pi')) || undefined, 10_000, 'the pod of pi');
      assert.match(pod, /^pi-[a-z0-9]{5} \["batch\.kubernetes\.io\/job-tracking"\] Job\/pi\/true$/);
      const created = /^job-controller SuccessfulCreate: Created pod: pi-[a-z0-9]{5}$/m;
      const events = () => c.ok(['get', 'events', '--field-selector', 'involvedObject.name=pi', '-o', 'jsonpath={range .items[*]}{.source.component} {.reason}: {.message}{"\\n"}{end}']);
      await eventually(async () => (created.test(await events()) ? true : undefined), 10_000, 'the SuccessfulCreate event');
      assert.equal(await c.ok(['delete', 'job', 'pi']), 'job.batch "pi" deleted\n');
      // The garbage collector deletes the pod; it can only go once the job controller has let go of its finalizer.
      await eventually(async () => ((await podsOf('pi')) === '' ? true : undefined), 10_000, 'the pod released and collected');
    });

    await t.test('a job managed by another controller is left alone', async () => {
      await c.ok(['apply', '-f', '-'], { input: jobYaml('elsewhere', '  managedBy: example.com/batch') });
      const bad = await c.kubectl(['create', '-f', '-'], { input: jobYaml('nowhere', '  managedBy: batch') });
      assert.equal(bad.stderr, 'The Job "nowhere" is invalid: spec.managedBy: Invalid value: "batch": must be a domain-prefixed path (such as "acme.io/foo")\n');
      // A job created after it has its pod: the controller has been past this one, which has neither status nor pods.
      await c.ok(['apply', '-f', '-'], { input: jobYaml('witness', '  completions: 1') });
      await eventually(async () => (await c.ok(['get', 'pods', '-l', 'job-name=witness', '-o', 'name'])) || undefined, 10_000, 'the pod of witness');
      assert.equal(await c.ok(['get', 'job', 'elsewhere', '-o', 'jsonpath={.status}']), '');
      assert.equal(await c.ok(['get', 'pods', '-l', 'job-name=elsewhere', '-o', 'name']), '');
    });

    await t.test('a deleted pod is replaced at once, or (podReplacementPolicy Failed) only once it has failed', async () => {
      await c.ok(['apply', '-f', '-'], { input: jobYaml('eager', '  completions: 1') });
      await c.ok(['apply', '-f', '-'], { input: jobYaml('patient', '  completions: 1\n  podReplacementPolicy: Failed') });
      const podsOf = async (job: string) => (await c.ok(['get', 'pods', '-l', `job-name=${job}`, '-o', 'name'])).split('\n').filter(Boolean);
      for (const job of ['eager', 'patient']) {
        const [pod] = await eventually(async () => ((await podsOf(job)).length ? podsOf(job) : undefined), 10_000, `the pod of ${job}`);
        await c.ok(['delete', pod!, '--wait=false']);
      }
      // The deleted pod of eager counts as failed and is replaced (after the 10 s back-off).
      const deleted = Date.now();
      await eventually(async () => ((await c.ok(['get', 'job', 'eager', '-o', 'jsonpath={.status.failed} {.status.active}'])) === '1 1' ? true : undefined), 20_000, 'a replacement for eager');
      assert.ok(Date.now() - deleted >= 8_000, `replaced after ${Date.now() - deleted} ms`);
      // patient's pod is terminating (nothing here makes it fail): no replacement, nothing counted.
      await eventually(async () => ((await c.ok(['get', 'job', 'patient', '-o', 'jsonpath={.status.terminating}/{.status.active}/{.status.failed}'])) === '1//' ? true : undefined), 10_000, 'patient to wait');
      assert.equal((await podsOf('patient')).length, 1);
    });

    await t.test('a suspended job runs no pods until resumed', async () => {
      const conditions = '{range .status.conditions[*]}{.type}={.status}/{.reason}/{.message};{end}';
      await eventually(async () => ((await c.ok(['get', 'job', 'manual', '-o', `jsonpath=${conditions}`])) || undefined), 10_000, 'the Suspended condition');
      assert.equal(await c.ok(['get', 'job', 'manual', '-o', `jsonpath=${conditions}`]), 'Suspended=True/JobSuspended/Job suspended;');
      assert.match(await c.ok(['get', 'job', 'manual']), /\nmanual\s+Suspended\s+0\/1\s+\d+s\n$/);
      assert.equal(await c.ok(['get', 'pods', '-l', 'app=manual', '-o', 'name']), '');
      await c.ok(['patch', 'job', 'manual', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
      await eventually(async () => ((await c.ok(['get', 'pods', '-l', 'app=manual', '-o', 'name'])) || undefined), 10_000, 'a pod once resumed');
      await eventually(async () => ((await c.ok(['get', 'job', 'manual', '-o', `jsonpath=${conditions}`])).includes('False') ? true : undefined), 10_000, 'the condition to turn');
      assert.equal(await c.ok(['get', 'job', 'manual', '-o', `jsonpath=${conditions}`]), 'Suspended=False/JobResumed/Job resumed;');
      assert.match(await c.ok(['get', 'job', 'manual', '-o', 'jsonpath={.status.startTime} {.status.active}']), /^\d{4}-\d\d-\d\dT\S+Z 1$/);
    });
  });
});
