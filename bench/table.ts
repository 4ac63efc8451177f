// The benchmark table: one row per figure, the median of several runs.

export interface Row {
  figure: string;
  /** One value per run; the table shows their median. */
  runs: number[];
  unit: string;
  /** What the issue asks for, as text ("≥ 5000"). */
  target?: string;
  /** Digits after the decimal point. */
  digits?: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => {
    const fmt = (v: number) => v.toFixed(r.digits ?? 1);
    const spread = r.runs.length > 1 ? `${fmt(Math.min(...r.runs))}–${fmt(Math.max(...r.runs))}` : '';
    return [r.figure, fmt(median(r.runs)), r.unit, spread, String(r.runs.length), r.target ?? ''];
  });
  const header = ['figure', 'median', 'unit', 'range', 'runs', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => '| ' + c.map((v, i) => (i === 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w, i) => (i === 1 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|', ...cells.map(line)].join('\n');
}
