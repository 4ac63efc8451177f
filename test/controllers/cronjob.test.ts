// The cron job controller's decisions on a real API (handlers and SQLite
// storage, in process) with its clock in the test's hand: a due time makes
// one Job (named by the minute, with the scheduled-timestamp annotation,
// owned by the cron job) and no second one for the same time; Forbid skips
// a run while one is active, Replace deletes the active one first; a job
// of its own it did not make is reported (UnexpectedJob); suspend
// and a run later than its starting deadline start nothing; finished jobs leave
// status.active, set lastSuccessfulTime and are pruned to the history
// limits. Nothing waits for a real minute.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { Handlers } from '../../src/apiserver/handlers.js';
import type { CronJob } from '../../src/apiserver/registry/batch/cronjobs.js';
import type { Job } from '../../src/apiserver/registry/batch/jobs.js';
import type { KubeObject } from '../../src/apiserver/registry/types.js';
import { Resources } from '../../src/apiserver/resources.js';
import { VERSION } from '../../src/apiserver/server.js';
import { ApiClient, CRONJOBS, EVENTS, JOBS } from '../../src/client/client.js';
import { EventRecorder } from '../../src/client/events.js';
import { Informers } from '../../src/client/informers.js';
import { InProcessTransport } from '../../src/client/transport.js';
import { CronJobController } from '../../src/controllers/cronjob.js';
import { openStore } from '../../src/storage/index.js';
import { eventually, tempDir } from '../helpers.js';

const cronJob = (name: string, spec: Record<string, unknown>): CronJob => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: {
    schedule: '* * * * *',
    timeZone: 'UTC',
    ...spec,
    jobTemplate: { metadata: { labels: { app: name } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } } } },
  },
});

type Event = KubeObject & { involvedObject: { name: string }; reason: string; message: string };

async function setup(t: TestContext) {
  const store = openStore(`sqlite://${path.join(tempDir(t), 'db.sqlite')}`);
  const resources = new Resources(store);
  await resources.ensureDefaultNamespaces();
  const client = new ApiClient(new InProcessTransport(new Handlers(resources, VERSION, 'test'), 'test'));
  const informers = new Informers(client);
  let now = Date.now();
  const recorder = new EventRecorder(client, { component: 'cronjob-controller' });
  const controller = new CronJobController(client, informers, recorder, { now: () => new Date(now) });
  informers.start();
  t.after(() => informers.stop());
  await informers.synced();
  const cronJobs = client.resource<CronJob>(CRONJOBS);
  const jobs = client.resource<Job>(JOBS);
  const jobCache = informers.for<Job>(JOBS);
  const cjCache = informers.for<CronJob>(CRONJOBS);
  /** The cron job's jobs as the API has them, once the controller's cache has them too. */
  const jobNames = async (cj: string) => {
    const listed = (await jobs.list('default')).items.filter((j) => j.metadata.ownerReferences?.some((r) => (r as { name: string }).name === cj));
    await eventually(async () => (listed.every((j) => jobCache.get(`default/${j.metadata.name}`)) && jobCache.list().filter((j) => j.metadata.ownerReferences?.some((r) => (r as { name: string }).name === cj)).length === listed.length ? true : undefined), 5_000, 'the job cache');
    return listed.map((j) => j.metadata.name!).sort();
  };
  /** Runs one reconcile at `at` once the cache holds the cron job's latest version. */
  const reconcileAt = async (name: string, at: number) => {
    const latest = await cronJobs.get('default', name);
    await eventually(async () => (cjCache.get(`default/${name}`)?.metadata.resourceVersion === latest.metadata.resourceVersion ? true : undefined), 5_000, 'the cron job cache');
    await jobNames(name);
    now = at;
    return controller.reconcile(`default/${name}`);
  };
  const events = async (name: string) => {
    await recorder.flush();
    return (await client.resource<Event>(EVENTS).list('default')).items.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
  };
  /** Marks a job finished, as the job controller would. */
  const finish = async (name: string, type: 'Complete' | 'Failed', startTime: string) => {
    const job = await jobs.get('default', name);
    const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await jobs.update('default', { ...job, status: { startTime, ...(type === 'Complete' ? { completionTime: stamp } : {}), conditions: [{ type, status: 'True', lastTransitionTime: stamp }] } }, 'status');
  };
  return { cronJobs, jobs, reconcileAt, jobNames, events, finish };
}

/** The first whole minute after the cron job was created, in ms. */
const firstRun = (cj: CronJob) => (Math.floor(Date.parse(cj.metadata.creationTimestamp!) / 60_000) + 1) * 60_000;

describe('cron job controller with an injected clock', () => {
  it('makes one job per due time, with Forbid skipping runs while one is active', async (t) => {
    const s = await setup(t);
    const cj = await s.cronJobs.create('default', cronJob('forbid', { concurrencyPolicy: 'Forbid' }));
    const t0 = firstRun(cj);
    // Before the first due time: nothing, and a look again just after it.
    assert.equal(await s.reconcileAt('forbid', t0 - 5_000), 5_100);
    assert.deepEqual(await s.jobNames('forbid'), []);

    assert.equal(await s.reconcileAt('forbid', t0 + 2_000), 58_100);
    const name = `forbid-${t0 / 60_000}`;
    assert.deepEqual(await s.jobNames('forbid'), [name]);
    const job = await s.jobs.get('default', name);
    assert.equal(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], new Date(t0).toISOString().replace('.000', ''));
    assert.deepEqual(job.metadata.labels, { app: 'forbid' });
    assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'forbid', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const status = (await s.cronJobs.get('default', 'forbid')).status!;
    assert.equal(status.lastScheduleTime, new Date(t0).toISOString().replace('.000', ''));
    assert.deepEqual(status.active?.map((r) => [r.kind, r.name, r.uid]), [['Job', name, job.metadata.uid]]);

    // The same due time again makes nothing.
    await s.reconcileAt('forbid', t0 + 30_000);
    assert.deepEqual(await s.jobNames('forbid'), [name]);
    // The next one finds the first still active: Forbid skips it.
    await s.reconcileAt('forbid', t0 + 61_000);
    assert.deepEqual(await s.jobNames('forbid'), [name]);
    assert.ok((await s.events('forbid')).includes('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid'));

    // Once it finished, the cron job notices, records the success, and the next due time runs.
    await s.finish(name, 'Complete', new Date(t0).toISOString().replace('.000', ''));
    await s.reconcileAt('forbid', t0 + 62_000);
    await s.reconcileAt('forbid', t0 + 63_000);
    const after = (await s.cronJobs.get('default', 'forbid')).status!;
    assert.ok(after.lastSuccessfulTime);
    assert.deepEqual(await s.jobNames('forbid'), [name, `forbid-${t0 / 60_000 + 1}`]);
    const events = await s.events('forbid');
    assert.ok(events.includes(`SawCompletedJob: Saw completed job: ${name}, condition: Complete`), events.join('\n'));
    assert.ok(events.includes(`SuccessfulCreate: Created job forbid-${t0 / 60_000 + 1}`));
  });

  it('Replace deletes the active job for the new one; suspend and a missed deadline start nothing', async (t) => {
    const s = await setup(t);
    const replace = await s.cronJobs.create('default', cronJob('replace', { concurrencyPolicy: 'Replace' }));
    const t0 = firstRun(replace);
    await s.reconcileAt('replace', t0 + 1_000);
    await s.reconcileAt('replace', t0 + 61_000);
    assert.deepEqual(await s.jobNames('replace'), [`replace-${t0 / 60_000 + 1}`]);
    assert.ok((await s.events('replace')).includes(`SuccessfulDelete: Deleted job replace-${t0 / 60_000}`));

    // A job of its own it did not make (not in status.active) is reported, not adopted.
    const stray = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'stray', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'replace', uid: replace.metadata.uid!, controller: true }] }, spec: structuredClone(replace.spec.jobTemplate!.spec!) } as Job;
    await s.jobs.create('default', stray);
    await s.reconcileAt('replace', t0 + 62_000);
    assert.ok((await s.events('replace')).includes('UnexpectedJob: Saw a job that the controller did not create or forgot: stray'));
    assert.deepEqual((await s.cronJobs.get('default', 'replace')).status!.active?.map((r) => r.name), [`replace-${t0 / 60_000 + 1}`]);

    const suspended = await s.cronJobs.create('default', cronJob('suspended', { suspend: true }));
    await s.reconcileAt('suspended', firstRun(suspended) + 1_000);
    assert.deepEqual(await s.jobNames('suspended'), []);

    // 30 s late with a 10 s starting deadline: that run is skipped (upstream does not look back past the deadline), the next is on time.
    const late = await s.cronJobs.create('default', cronJob('late', { startingDeadlineSeconds: 10 }));
    assert.equal(await s.reconcileAt('late', firstRun(late) + 30_000), 30_100);
    assert.deepEqual(await s.jobNames('late'), []);
    await s.reconcileAt('late', firstRun(late) + 65_000);
    assert.deepEqual(await s.jobNames('late'), [`late-${firstRun(late) / 60_000 + 1}`]);
  });

  it('keeps successfulJobsHistoryLimit complete and failedJobsHistoryLimit failed jobs', async (t) => {
    const s = await setup(t);
    const cj = await s.cronJobs.create('default', cronJob('history', { successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1 }));
    const t0 = firstRun(cj);
    const names = [0, 1, 2, 3].map((i) => `history-${t0 / 60_000 + i}`);
    for (let i = 0; i < 4; i++) await s.reconcileAt('history', t0 + i * 60_000 + 1_000);
    assert.deepEqual(await s.jobNames('history'), names);
    const started = (i: number) => new Date(t0 + i * 60_000).toISOString().replace('.000', '');
    await s.finish(names[0]!, 'Complete', started(0));
    await s.finish(names[1]!, 'Complete', started(1));
    await s.finish(names[2]!, 'Failed', started(2));
    await s.reconcileAt('history', t0 + 3 * 60_000 + 2_000);
    assert.deepEqual(await s.jobNames('history'), [names[1], names[2], names[3]]);
    assert.ok((await s.events('history')).includes(`SuccessfulDelete: Deleted job ${names[0]}`));
    assert.deepEqual((await s.cronJobs.get('default', 'history')).status!.active?.map((r) => r.name), [names[3]]);
  });
});
