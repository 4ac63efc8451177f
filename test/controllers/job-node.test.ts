// Jobs and a CronJob on a real node (busybox containers that exit): a job
// of three completions two at a time completes, a failing one is retried
// after the back-off and then fails with BackoffLimitExceeded, one that
// outlives activeDeadlineSeconds fails with DeadlineExceeded, one whose
// podFailurePolicy matches its exit code fails at once, an Indexed one
// runs each index once (its pods check their hostname against
// JOB_COMPLETION_INDEX), one whose successPolicy is met early completes
// then, one with backoffLimitPerIndex gives up on an index that keeps
// failing, a finished one with ttlSecondsAfterFinished goes, and a
// `* * * * *` CronJob fires once, its job completes and the cron job
// records it. All of them run side by side in one cluster, to keep the
// time down.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { startNodeCluster, type NodeCluster } from '../node-cluster.js';

const job = (name: string, spec: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      terminationGracePeriodSeconds: 1
      containers:
      - name: main
        image: busybox
        imagePullPolicy: IfNotPresent
        command: ['sh', '-c', '${command}']
`;

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: '* * * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox
            imagePullPolicy: IfNotPresent
            command: ['sh', '-c', 'exit 0']
`;

async function jobField(c: NodeCluster, name: string, path: string, want: RegExp, ms: number): Promise<string> {
  let last = '';
  try {
    return await eventually(
      async () => {
        const r = await c.kubectl(['get', 'job', name, '-o', `jsonpath=${path}`]);
        last = r.stdout || r.stderr;
        return want.test(last) ? last : undefined;
      },
      ms,
      `job ${name} ${path} to match ${String(want)}`,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last: ${last}\n${await c.ok(['describe', 'job', name]).catch(() => '')}`);
  }
}

const conditions = '{range .status.conditions[*]}{.type}={.status}/{.reason}/{.message};{end}';

describe('jobs on a real node', () => {
  it('runs jobs to completion, retries with back-off, fails them, fires a cron job', async (t) => {
    const c = await startNodeCluster(t);
    await eventually(async () => ((await c.kubectl(['get', 'node', c.nodeName])).stdout.includes(' Ready ') ? true : undefined), 30_000, 'the node to be Ready');
    // Everything starts at once; each subtest then waits for its own outcome.
    const started = Date.now();
    await c.ok(['apply', '-f', '-'], { input: CRONJOB });
    await c.ok(['apply', '-f', '-'], { input: job('three', '  completions: 3\n  parallelism: 2', 'exit 0') });
    await c.ok(['apply', '-f', '-'], { input: job('failing', '  backoffLimit: 1', 'exit 2') });
    await c.ok(['apply', '-f', '-'], { input: job('deadline', '  activeDeadlineSeconds: 3', 'sleep 3600') });
    await c.ok(['apply', '-f', '-'], { input: job('shortlived', '  ttlSecondsAfterFinished: 0', 'exit 0') });
    await c.ok(['apply', '-f', '-'], { input: job('policy', '  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes:\n        operator: In\n        values: [42]', 'exit 42') });
    await c.ok(['apply', '-f', '-'], { input: job('enough', "  completionMode: Indexed\n  completions: 3\n  parallelism: 3\n  successPolicy:\n    rules:\n    - succeededIndexes: '0'", 'test "$JOB_COMPLETION_INDEX" = 0 || sleep 3600') });
    await c.ok(['apply', '-f', '-'], { input: job('perindex', '  completionMode: Indexed\n  completions: 2\n  parallelism: 2\n  backoffLimitPerIndex: 1', 'test "$JOB_COMPLETION_INDEX" = 1') });
    await c.ok(['apply', '-f', '-'], { input: job('indexed', '  completionMode: Indexed\n  completions: 3\n  parallelism: 3', 'test "$(hostname)" = "indexed-$JOB_COMPLETION_INDEX"') });

    await t.test('completions 3, parallelism 2: Complete 3/3', async () => {
      assert.equal(await c.ok(['wait', '--for=condition=complete', 'job/three', '--timeout=60s']), 'job.batch/three condition met\n');
      assert.equal(
        await c.ok(['get', 'job', 'three', '-o', 'jsonpath=' + conditions]),
        'SuccessCriteriaMet=True/CompletionsReached/Reached expected number of succeeded pods;Complete=True/CompletionsReached/Reached expected number of succeeded pods;',
      );
      assert.match(await c.ok(['get', 'jobs', 'three']), /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\nthree\s+Complete\s+3\/3\s+\d+s\s+\d+s\n$/);
      assert.equal(await c.ok(['get', 'job', 'three', '-o', 'jsonpath={.status.succeeded} {.status.failed} {.status.active} {.status.ready} {.status.terminating} {.status.uncountedTerminatedPods}']), '3   0 0 {}');
      const pods = await c.ok(['get', 'pods', '-l', 'batch.kubernetes.io/job-name=three', '-o', 'jsonpath={range .items[*]}{.status.phase} {.metadata.finalizers}{"\\n"}{end}']);
      assert.equal(pods, 'Succeeded \n'.repeat(3));
      const events = await eventually(
        async () => {
          const listed = await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=three', '-o', 'jsonpath={range .items[*]}{.reason}:{.message}{"\\n"}{end}']);
          return /^Completed:Job completed$/m.test(listed) ? listed : undefined;
        },
        10_000,
        'the Completed event',
      );
      assert.equal(events.split('\n').filter((l) => l.startsWith('SuccessfulCreate:Created pod: three-')).length, 3);
    });

    await t.test('backoffLimit 1: a retry after the back-off, then Failed with BackoffLimitExceeded', async () => {
      await jobField(c, 'failing', conditions, /Failed=True/, 60_000);
      assert.equal(
        await c.ok(['get', 'job', 'failing', '-o', 'jsonpath=' + conditions]),
        'FailureTarget=True/BackoffLimitExceeded/Job has reached the specified backoff limit;Failed=True/BackoffLimitExceeded/Job has reached the specified backoff limit;',
      );
      assert.match(await c.ok(['get', 'job', 'failing']), /\nfailing\s+Failed\s+0\/1\s+\d+s\s+\d+s\n$/);
      assert.equal(await c.ok(['get', 'job', 'failing', '-o', 'jsonpath={.status.failed} {.status.succeeded} {.status.active} {.status.ready} {.status.terminating}']), '2   0 0');
      const pods = JSON.parse(await c.ok(['get', 'pods', '-l', 'job-name=failing', '-o', 'json'])) as {
        items: { metadata: { creationTimestamp: string }; status: { containerStatuses: { state: { terminated: { finishedAt: string; exitCode: number } } }[] } }[];
      };
      assert.equal(pods.items.length, 2);
      const [first, second] = pods.items.sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp));
      const firstEnded = Date.parse(first!.status.containerStatuses[0]!.state.terminated.finishedAt);
      // The replacement waits out the 10 s back-off (timestamps have whole seconds).
      assert.ok(Date.parse(second!.metadata.creationTimestamp) - firstEnded >= 9_000, `retry ${second!.metadata.creationTimestamp} after the failure at ${new Date(firstEnded).toISOString()}`);
      // The event is written just after the condition.
      const event = /Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit/;
      await eventually(async () => (event.test(await c.ok(['describe', 'job', 'failing'])) ? true : undefined), 10_000, 'the BackoffLimitExceeded event');
    });

    await t.test('activeDeadlineSeconds: Failed with DeadlineExceeded, its pod stopped', async () => {
      await jobField(c, 'deadline', conditions, /Failed=True/, 60_000);
      assert.equal(
        await c.ok(['get', 'job', 'deadline', '-o', 'jsonpath=' + conditions]),
        'FailureTarget=True/DeadlineExceeded/Job was active longer than specified deadline;Failed=True/DeadlineExceeded/Job was active longer than specified deadline;',
      );
      assert.equal(await c.ok(['get', 'job', 'deadline', '-o', 'jsonpath={.status.active} {.status.failed} {.status.terminating}']), ' 1 0');
      const events = () => c.ok(['get', 'events', '--field-selector', 'involvedObject.name=deadline', '-o', 'jsonpath={range .items[*]}{.type}/{.reason}:{.message}{"\\n"}{end}']);
      await eventually(async () => (/^Warning\/DeadlineExceeded:Job was active longer than specified deadline$/m.test(await events()) ? true : undefined), 10_000, 'the DeadlineExceeded event');
      assert.match(await events(), /^Normal\/SuccessfulDelete:Deleted pod: deadline-\w+$/m);
    });

    await t.test('podFailurePolicy FailJob: the first matching failure fails the job, without retries', async () => {
      await jobField(c, 'policy', conditions, /Failed=True/, 60_000);
      const pod = (await c.ok(['get', 'pods', '-l', 'job-name=policy', '-o', 'name'])).trim().replace('pod/', '');
      const message = `Container main for pod default/${pod} failed with exit code 42 matching FailJob rule at index 0`;
      assert.equal(await c.ok(['get', 'job', 'policy', '-o', 'jsonpath=' + conditions]), `FailureTarget=True/PodFailurePolicy/${message};Failed=True/PodFailurePolicy/${message};`);
      assert.equal(await c.ok(['get', 'job', 'policy', '-o', 'jsonpath={.status.failed}']), '1');
    });

    await t.test('Indexed: each index runs once, knowing its index', async () => {
      await jobField(c, 'indexed', conditions, /Complete=True/, 60_000);
      assert.equal(await c.ok(['get', 'job', 'indexed', '-o', 'jsonpath={.status.succeeded} {.status.completedIndexes} {.status.failed}']), '3 0-2 ');
      const pods = await c.ok(['get', 'pods', '-l', 'job-name=indexed', '-o', 'jsonpath={range .items[*]}{.metadata.labels.batch\\.kubernetes\\.io/job-completion-index}:{.spec.hostname}:{.metadata.name}{"\\n"}{end}']);
      assert.deepEqual(
        pods.trim().split('\n').map((l) => l.replace(/-[a-z0-9]{5}$/, '')).sort(),
        ['0:indexed-0:indexed-0', '1:indexed-1:indexed-1', '2:indexed-2:indexed-2'],
      );
    });

    await t.test('successPolicy: index 0 is enough; the other pods are stopped, not counted as failures', async () => {
      await jobField(c, 'enough', conditions, /Complete=True/, 60_000);
      assert.equal(
        await c.ok(['get', 'job', 'enough', '-o', 'jsonpath=' + conditions]),
        'SuccessCriteriaMet=True/SuccessPolicy/Matched rules at index 0;Complete=True/SuccessPolicy/Matched rules at index 0;',
      );
      assert.equal(await c.ok(['get', 'job', 'enough', '-o', 'jsonpath={.status.succeeded} {.status.completedIndexes} {.status.failed} {.status.active} {.status.terminating}']), '1 0   0');
    });

    await t.test('backoffLimitPerIndex 1: index 0 is retried once after the back-off, then given up; the job fails with FailedIndexes', async () => {
      await jobField(c, 'perindex', conditions, /Failed=True/, 60_000);
      assert.equal(await c.ok(['get', 'job', 'perindex', '-o', 'jsonpath=' + conditions]), 'FailureTarget=True/FailedIndexes/Job has failed indexes;Failed=True/FailedIndexes/Job has failed indexes;');
      assert.equal(await c.ok(['get', 'job', 'perindex', '-o', 'jsonpath={.status.completedIndexes}/{.status.failedIndexes} {.status.succeeded} {.status.failed}']), '1/0 1 2');
      const pods = await c.ok(['get', 'pods', '-l', 'job-name=perindex', '-o', 'jsonpath={range .items[*]}{.metadata.labels.batch\\.kubernetes\\.io/job-completion-index}:{.metadata.annotations.batch\\.kubernetes\\.io/job-index-failure-count}:{.status.phase}{"\\n"}{end}']);
      assert.deepEqual(pods.trim().split('\n').sort(), ['0:0:Failed', '0:1:Failed', '1:0:Succeeded']);
    });

    await t.test('ttlSecondsAfterFinished 0: the finished job is deleted', async () => {
      await eventually(async () => ((await c.kubectl(['get', 'job', 'shortlived'])).code !== 0 ? true : undefined), 60_000, 'job shortlived to go');
    });

    await t.test('a * * * * * cron job fires once: its job runs to completion and is recorded', async () => {
      const minute = Math.floor(started / 60_000) + 1;
      const name = `tick-${minute}`;
      await jobField(c, name, conditions, /Complete=True/, Math.max(0, minute * 60_000 - Date.now()) + 45_000);
      assert.equal(await c.ok(['get', 'job', name, '-o', 'jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}']), `${new Date(minute * 60_000).toISOString().replace('.000', '')} CronJob/tick`);
      const lastSuccess = await eventually(async () => (await c.ok(['get', 'cronjob', 'tick', '-o', 'jsonpath={.status.lastSuccessfulTime}'])) || undefined, 20_000, 'lastSuccessfulTime');
      assert.match(lastSuccess, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(await c.ok(['get', 'cronjob', 'tick', '-o', 'jsonpath={.status.lastScheduleTime}']), new Date(minute * 60_000).toISOString().replace('.000', ''));
      assert.match(await c.ok(['get', 'cj', 'tick']), /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\ntick\s+\* \* \* \* \*\s+<none>\s+False\s+0\s+\d+s\s+\d+s\n$/);
      const saw = new RegExp(`^SawCompletedJob:Saw completed job: ${name}, condition: Complete$`, 'm');
      const events = await eventually(
        async () => {
          const listed = await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=tick', '-o', 'jsonpath={range .items[*]}{.reason}:{.message}{"\\n"}{end}']);
          return saw.test(listed) ? listed : undefined;
        },
        10_000,
        'the SawCompletedJob event',
      );
      assert.match(events, new RegExp(`^SuccessfulCreate:Created job ${name}$`, 'm'));
      assert.doesNotMatch(events, /UnexpectedJob/);
    });
  });
});
