// Cron schedules (parsing with the parser's own error words, next times in
// UTC and in other zones) and the cron job controller's schedule decisions
// (the most recent due time, missed runs, starting deadline, look-again
// delay, job names) as pure functions of a given time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTime, parseSchedule, rfc3339In } from '../../src/apiserver/registry/batch/cron.js';
import type { CronJob } from '../../src/apiserver/registry/batch/cronjobs.js';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelay } from '../../src/controllers/cronjob-schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const next = (spec: string, after: string, zone = 'UTC') => iso(nextTime(parseSchedule(spec), at(after), zone));

describe('cron schedule parser', () => {
  it('rejects what robfig/cron rejects, in its words', () => {
    const cases: [string, string][] = [
      ['', 'empty spec string'],
      ['x', 'expected exactly 5 fields, found 1: [x]'],
      ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
      ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
      ['61 * * * *', 'end of range (61) above maximum (59): 61'],
      ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
      ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
      ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
      ['* * * * 7', 'end of range (7) above maximum (6): 7'],
      ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
      ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
      ['*/2/3 * * * *', 'too many slashes: */2/3'],
      ['*/0 * * * *', 'step of range should be a positive number: */0'],
      ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
      ['* * * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
      ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
      ['@every x', 'failed to parse duration @every x: time: invalid duration "x"'],
      ['TZ=Mars/Olympus 0 0 * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ];
    for (const [spec, message] of cases) assert.throws(() => parseSchedule(spec), { message }, spec);
  });

  it('accepts ranges, lists, steps, names, ? and the descriptors (and @every, as upstream does)', () => {
    for (const spec of ['*/5 1-3,7 ? JAN-mar,dec Mon-Fri', '0 0 1 1 *', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m']) {
      assert.doesNotThrow(() => parseSchedule(spec), spec);
    }
  });

  it('computes the next time in UTC', () => {
    assert.equal(next('*/15 * * * *', '2026-12-06T10:07:30Z'), '2026-12-06T10:15:00.000Z');
    assert.equal(next('* * * * *', '2026-12-06T10:07:00Z'), '2026-12-06T10:08:00.000Z');
    assert.equal(next('@hourly', '2026-12-06T10:07:00Z'), '2026-12-06T11:00:00.000Z');
    assert.equal(next('@yearly', '2026-12-06T10:07:00Z'), '2027-01-01T00:00:00.000Z');
    assert.equal(next('@weekly', '2026-12-06T10:07:00Z'), '2026-12-13T00:00:00.000Z');
    assert.equal(next('@monthly', '2026-12-06T10:07:00Z'), '2027-01-01T00:00:00.000Z');
    // 2026-12-05 is a Saturday: the next weekday morning is Monday's.
    assert.equal(next('0 9 * * mon-fri', '2026-12-05T12:00:00Z'), '2026-12-07T09:00:00.000Z');
    assert.equal(next('30 4 * 2 *', '2026-12-06T10:07:00Z'), '2027-02-01T04:30:00.000Z');
    assert.equal(next('0 0 29 2 *', '2026-12-06T00:00:00Z'), '2028-02-29T00:00:00.000Z');
    assert.equal(next('0 0 30 2 *', '2026-12-06T00:00:00Z'), undefined);
    assert.equal(next('10-20/5 * * * *', '2026-12-06T10:16:00Z'), '2026-12-06T10:20:00.000Z');
    assert.equal(next('5/20 * * * *', '2026-12-06T10:26:00Z'), '2026-12-06T10:45:00.000Z');
    assert.equal(next('@every 90s', '2026-12-06T10:00:00.400Z'), '2026-12-06T10:01:30.000Z');
  });

  it('matches a day when either restricted day field matches, both when one is *', () => {
    // The 13th, or any Friday (2026-12-11 is a Friday).
    assert.equal(next('0 0 13 * fri', '2026-12-06T00:00:00Z'), '2026-12-11T00:00:00.000Z');
    assert.equal(next('0 0 13 * fri', '2026-12-11T00:00:00Z'), '2026-12-13T00:00:00.000Z');
    assert.equal(next('0 0 13 * *', '2026-12-06T00:00:00Z'), '2026-12-13T00:00:00.000Z');
    assert.equal(next('0 0 */2 * fri', '2026-12-06T00:00:00Z'), '2026-12-07T00:00:00.000Z');
  });

  it('reads the schedule in its time zone, across daylight saving changes', () => {
    assert.equal(next('0 9 * * *', '2026-12-06T00:00:00Z', 'Europe/Berlin'), '2026-12-06T08:00:00.000Z');
    assert.equal(next('0 9 * * *', '2026-07-06T00:00:00Z', 'Europe/Berlin'), '2026-07-06T07:00:00.000Z');
    assert.equal(next('0 9 * * *', '2026-12-06T00:00:00Z', 'America/New_York'), '2026-12-06T14:00:00.000Z');
    assert.equal(next('30 0 * * *', '2026-12-06T00:00:00Z', 'Asia/Kolkata'), '2026-12-06T19:00:00.000Z');
    // Berlin moves from 02:00 CET to 03:00 CEST on 2026-03-29: noon that day is 10:00 UTC.
    assert.equal(next('0 12 * * *', '2026-03-29T00:00:00Z', 'Europe/Berlin'), '2026-03-29T10:00:00.000Z');
    // A TZ= or CRON_TZ= prefix names the zone itself (upstream accepts it only on cron jobs that already had one).
    assert.equal(next('CRON_TZ=Europe/Berlin 0 9 * * *', '2026-12-06T00:00:00Z'), '2026-12-06T08:00:00.000Z');
    assert.equal(rfc3339In(at('2026-12-06T08:00:00Z'), 'Europe/Berlin'), '2026-12-06T09:00:00+01:00');
    assert.equal(rfc3339In(at('2026-12-06T08:00:00Z'), undefined), '2026-12-06T08:00:00Z');
  });
});

const cronJob = (spec: Partial<CronJob['spec']>, created: string, lastScheduleTime?: string): CronJob => ({
  metadata: { name: 'tick', namespace: 'default', creationTimestamp: created },
  spec: { schedule: '* * * * *', timeZone: 'UTC', ...spec },
  status: lastScheduleTime ? { lastScheduleTime } : {},
});

describe('cron job schedule decisions', () => {
  const every = parseSchedule('* * * * *');

  it('finds nothing due before the first scheduled time', () => {
    const cj = cronJob({}, '2026-12-06T10:00:30Z');
    assert.deepEqual(mostRecentScheduleTime(cj, at('2026-12-06T10:00:59Z'), every, true), { earliest: at('2026-12-06T10:00:30Z'), missed: 0 });
    assert.equal(nextScheduleDelay(cj, at('2026-12-06T10:00:59Z'), every), 1_100);
  });

  it('finds the most recent due time and counts the missed ones since the last run', () => {
    const cj = cronJob({}, '2026-12-06T09:00:00Z', '2026-12-06T10:01:00Z');
    const r = mostRecentScheduleTime(cj, at('2026-12-06T10:05:30Z'), every, true);
    assert.equal(iso(r.mostRecent), '2026-12-06T10:05:00.000Z');
    assert.equal(r.missed, 4);
    assert.equal(nextScheduleDelay(cj, at('2026-12-06T10:05:30Z'), every), 30_100);
    assert.equal(jobNameFor(cj, r.mostRecent!), `tick-${at('2026-12-06T10:05:00Z') / 60_000}`);
  });

  it('counts hundreds of missed runs, and startingDeadlineSeconds bounds how far back it looks', () => {
    const cj = cronJob({}, '2026-12-06T05:00:30Z');
    const many = mostRecentScheduleTime(cj, at('2026-12-06T10:00:40Z'), every, true);
    assert.equal(many.missed, 300);
    assert.equal(iso(many.mostRecent), '2026-12-06T10:00:00.000Z');
    const bounded = mostRecentScheduleTime(cronJob({ startingDeadlineSeconds: 90 }, '2026-12-06T05:00:30Z'), at('2026-12-06T10:00:40Z'), every, true);
    assert.equal(bounded.missed, 1);
    assert.equal(iso(bounded.mostRecent), '2026-12-06T10:00:00.000Z');
    // Without the deadline (as the look-again computation asks) the count goes back to the last run.
    assert.equal(mostRecentScheduleTime(cronJob({ startingDeadlineSeconds: 90 }, '2026-12-06T05:00:30Z'), at('2026-12-06T10:00:40Z'), every, false).missed, 300);
  });

  it('reads due times in the cron job time zone', () => {
    const cj = cronJob({ schedule: '0 9 * * *', timeZone: 'Europe/Berlin' }, '2026-12-05T00:00:00Z');
    const r = mostRecentScheduleTime(cj, at('2026-12-06T08:30:00Z'), parseSchedule('0 9 * * *'), true);
    assert.equal(iso(r.mostRecent), '2026-12-06T08:00:00.000Z');
    assert.equal(r.missed, 2);
  });
});
