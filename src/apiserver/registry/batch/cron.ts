// Cron schedules as upstream reads them (robfig/cron's standard parser):
// five fields (minute, hour, day of month, month, day of week) with
// ranges, lists, steps, `*`/`?` and month and weekday names, or a
// descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight,
// @hourly, and `@every <duration>`, which that parser accepts too). Parse
// errors carry the parser's own words, since validation prints them.
// Times are computed in an IANA zone through Intl (a TZ= prefix's, else the
// one given, else the host's).

/** A schedule, with the zone a TZ= or CRON_TZ= prefix named, if any. */
export type Schedule = ({ kind: 'spec'; fields: Fields } | { kind: 'every'; ms: number }) & { timeZone?: string };

interface Fields {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

/** The values a field allows; `star` when written as * or ? (which changes how days match). */
interface Field {
  values: Set<number>;
  star: boolean;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = Object.fromEntries(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [n, i + 1]));
const DOW_NAMES = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((n, i) => [n, i]));

const BOUNDS: Record<keyof Fields, Bounds> = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: MONTH_NAMES },
  dow: { min: 0, max: 6, names: DOW_NAMES },
};

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronError extends Error {}

/** Go's strconv.Atoi: optional sign and decimal digits only. */
function parseNumber(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${text}`);
  return n;
}

const parseValue = (text: string, b: Bounds) => b.names?.[text.toLowerCase()] ?? parseNumber(text);

/** One comma-separated part: `*`, `N`, `N-M`, each optionally `/step`. */
function parseRange(expr: string, b: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowHigh[0] === '*' || lowHigh[0] === '?') {
    [start, end, star] = [b.min, b.max, true];
  } else {
    start = parseValue(lowHigh[0]!, b);
    if (lowHigh.length === 1) end = start;
    else if (lowHigh.length === 2) end = parseValue(lowHigh[1]!, b);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1]!);
    // "N/step" runs from N to the maximum.
    if (lowHigh.length === 1) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  into.star ||= star;
}

function parseField(text: string, b: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, b, field);
  return field;
}

/** Go's time.ParseDuration, for the units a schedule would use. */
function parseDuration(text: string, descriptor: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let at = 0;
  if (text === '0') return 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(text)}`);
    ms += Number(m[1]) * units[m[2]!]!;
    at = re.lastIndex;
  }
  if (!text) throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration ""`);
  return ms;
}

/** Parses a schedule; throws CronError with the parser's message. */
export function parseSchedule(spec: string): Schedule {
  if (spec.length === 0) throw new CronError('empty spec string');
  const prefixed = /^(?:CRON_)?TZ=(\S*)(?:\s+|$)/.exec(spec);
  if (prefixed) {
    const zone = prefixed[1]!;
    if (!knownTimeZone(zone)) throw new CronError(`provided bad location ${zone}: unknown time zone ${zone}`);
    return { ...parseSchedule(spec.slice(prefixed[0].length)), timeZone: zone };
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) {
      // As upstream: rounded down to whole seconds, at least one.
      const ms = parseDuration(spec.slice('@every '.length), spec);
      return { kind: 'every', ms: Math.max(1000, Math.floor(ms / 1000) * 1000) };
    }
    const expanded = DESCRIPTORS[spec];
    if (!expanded) throw new CronError(`unrecognized descriptor: ${spec}`);
    return parseSchedule(expanded);
  }
  const parts = spec.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
  return {
    kind: 'spec',
    fields: {
      minute: parseField(minute, BOUNDS.minute),
      hour: parseField(hour, BOUNDS.hour),
      dom: parseField(dom, BOUNDS.dom),
      month: parseField(month, BOUNDS.month),
      dow: parseField(dow, BOUNDS.dow),
    },
  };
}

/** Wall-clock fields of an instant in a zone. */
interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wallClock(ms: number, timeZone: string | undefined): Wall {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(key, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday!),
  };
}

/** The instant at which a zone's clock shows the given wall time (the later one across a DST gap). */
function instantOf(w: Omit<Wall, 'weekday'>, timeZone: string | undefined): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const seen = wallClock(guess, timeZone);
    const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) - guess;
    const next = asUtc - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

const MAX_SEARCH_YEARS = 5;

function dayMatches(f: Fields, w: Wall): boolean {
  const dom = f.dom.values.has(w.day);
  const dow = f.dow.values.has(w.weekday);
  // As cron: when both day fields are restricted, either one matching is enough.
  return f.dom.star || f.dow.star ? dom && dow : dom || dow;
}

/**
 * The first time the schedule fires strictly after `after` (ms since the
 * epoch), or undefined when it never does within five years (e.g. 30 February).
 */
export function nextTime(schedule: Schedule, after: number, zone?: string): number | undefined {
  const timeZone = schedule.timeZone ?? zone;
  if (schedule.kind === 'every') return Math.floor((after + schedule.ms) / 1000) * 1000;
  const f = schedule.fields;
  let t = Math.floor(after / 60_000) * 60_000 + 60_000;
  const limit = wallClock(t, timeZone).year + MAX_SEARCH_YEARS;
  for (;;) {
    const w = wallClock(t, timeZone);
    if (w.year > limit) return undefined;
    if (!f.month.values.has(w.month)) {
      const [year, month] = w.month === 12 ? [w.year + 1, 1] : [w.year, w.month + 1];
      t = instantOf({ year, month, day: 1, hour: 0, minute: 0 }, timeZone);
    } else if (!dayMatches(f, w)) {
      const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
      t = instantOf({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone);
    } else if (!f.hour.values.has(w.hour)) {
      t += (60 - w.minute) * 60_000;
    } else if (!f.minute.values.has(w.minute)) {
      t += 60_000;
    } else {
      return t;
    }
  }
}

/** Whether `timeZone` is a zone Intl knows (IANA names; upstream reads the same database). */
export function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** RFC 3339 of an instant in a zone, as Go's time.Format(time.RFC3339) writes it ("Z" for UTC). */
export function rfc3339In(ms: number, timeZone: string | undefined): string {
  const w = wallClock(ms, timeZone ?? 'UTC');
  const offsetMin = (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(ms / 60_000) * 60_000) / 60_000;
  const seconds = Math.floor(ms / 1000) % 60;
  const pad = (n: number, l = 2) => String(n).padStart(l, '0');
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(seconds)}`;
  if (offsetMin === 0) return `${date}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${date}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
