// `npm run bench [-- --runs N] [--only storage|api|scheduler|node|workloads|dns|proxy]`: measures the project's
// figures and prints them as a table (median of N runs, default 5).
import { parseArgs } from 'node:util';
import { apiserverRows } from './apiserver.js';
import { dnsRows } from './dns.js';
import { nodeRows } from './node.js';
import { proxyRows } from './proxy.js';
import { schedulerRows } from './scheduler.js';
import { storageRows } from './storage.js';
import { workloadRows } from './workloads.js';
import { formatTable, type Row } from './table.js';

const SUITES: Record<string, (runs: number) => Promise<Row[]>> = { storage: storageRows, api: apiserverRows, scheduler: schedulerRows, node: nodeRows, workloads: workloadRows, dns: dnsRows, proxy: proxyRows };

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, not ${values.runs}`);
if (values.only && !SUITES[values.only]) throw new Error(`--only takes one of ${Object.keys(SUITES).join(', ')}`);

const rows: Row[] = [];
for (const [name, suite] of Object.entries(SUITES)) if (!values.only || values.only === name) rows.push(...(await suite(runs)));
process.stdout.write(formatTable(rows) + '\n');
