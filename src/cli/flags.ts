// Flag values as k3s's commands take them: Go-style durations, whole
// numbers, and resource lists (cpu=8,memory=32Gi).

/** 500ms, 30s, 5m, 1h, in milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`invalid duration "${text}": use a number and a unit (ms, s, m, h), e.g. 5m`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

export function count(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, not "${text}"`);
  return n;
}

/** cpu=32,memory=256Gi,pods=110 */
export function parseCapacity(text: string, flag: string): Record<string, string> {
  const capacity: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (!name || !value) throw new Error(`${flag} wants name=quantity pairs separated by commas (e.g. cpu=8,memory=32Gi,pods=110), not "${text}"`);
    capacity[name.trim()] = value.trim();
  }
  return capacity;
}
