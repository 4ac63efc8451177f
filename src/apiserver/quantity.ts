// Resource quantities ("100m", "64Mi", "1.5", "2e3") as upstream writes them,
// read into numbers so requests can be compared with limits.

/** Upstream's pattern; a value that fails it cannot be decoded at all. */
export const QUANTITY_PATTERN = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity's value, or undefined when it is not a quantity. */
export function parseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return text;
  const m = QUANTITY_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const number = Number(m[1]);
  if (Number.isNaN(number)) return undefined;
  const suffix = m[2]!;
  if (suffix in SUFFIXES) return number * SUFFIXES[suffix]!;
  const exponent = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  return exponent ? number * 10 ** Number(exponent[1]) : undefined;
}
