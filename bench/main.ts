// `npm run bench [-- --runs N]`: measures the project's figures and prints
// them as a table (median of N runs, default 5).
import { parseArgs } from 'node:util';
import { storageRows } from './storage.js';
import { formatTable } from './table.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, not ${values.runs}`);

const rows = await storageRows(runs);
process.stdout.write(formatTable(rows) + '\n');
