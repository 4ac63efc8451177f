// When a CronJob's next run is due, as upstream's cron job controller
// decides it: from the later of its last scheduled time (or creation) and
// now - startingDeadlineSeconds, the most recent scheduled time that has
// passed, how many were missed, and when to look again. Pure functions of
// the cron job and a time, so the decisions are tested without waiting.
import { nextTime, type Schedule } from '../apiserver/registry/batch/cron.js';
import type { CronJob } from '../apiserver/registry/batch/cronjobs.js';

/** A look-again lands just after the scheduled time, never just before it. */
const NEXT_SCHEDULE_DELTA_MS = 100;
/** Upstream warns (TooManyMissedTimes) past a hundred missed runs. */
export const MANY_MISSED = 100;

export interface MostRecent {
  /** Where the search for scheduled times started. */
  earliest: number;
  /** The latest scheduled time at or before now, if one passed since `earliest`. */
  mostRecent?: number;
  /** How many scheduled times passed since `earliest`. */
  missed: number;
}

/** Counting every missed time one by one is fine up to this many; beyond, the spacing of the first two estimates the rest. */
const EXACT_COUNT_LIMIT = 2 * MANY_MISSED;

export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, withStartingDeadline: boolean): MostRecent {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '');
  if (Number.isNaN(earliest)) earliest = now;
  const deadline = cj.spec.startingDeadlineSeconds;
  if (withStartingDeadline && deadline !== undefined) earliest = Math.max(earliest, now - deadline * 1000);
  const zone = cj.spec.timeZone;
  const first = nextTime(schedule, earliest, zone);
  if (first === undefined || first > now) return { earliest, missed: 0 };
  let mostRecent = first;
  let missed = 1;
  for (let t = nextTime(schedule, first, zone); t !== undefined && t <= now; t = nextTime(schedule, t, zone)) {
    mostRecent = t;
    missed++;
    if (missed === EXACT_COUNT_LIMIT) {
      const second = nextTime(schedule, first, zone)!;
      const spacing = second - first;
      missed = Math.floor((now - first) / spacing) + 1;
      // Step back from the estimate to the real latest time at or before now.
      let t2 = nextTime(schedule, first + (missed - 2) * spacing, zone);
      mostRecent = first;
      while (t2 !== undefined && t2 <= now) {
        mostRecent = t2;
        t2 = nextTime(schedule, t2, zone);
      }
      break;
    }
  }
  return { earliest, mostRecent, missed };
}

/** In how many ms to look at the cron job again: just after its next scheduled time (undefined: never). */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: Schedule): number | undefined {
  const { earliest, mostRecent } = mostRecentScheduleTime(cj, now, schedule, false);
  const next = nextTime(schedule, mostRecent ?? earliest, cj.spec.timeZone);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** `<cronjob>-<scheduled time in minutes since the epoch>`: one name per run, so a run is never made twice. */
export const jobNameFor = (cj: CronJob, scheduled: number) => `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
