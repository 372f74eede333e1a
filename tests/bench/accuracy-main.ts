// Accuracy only, with the list of misses: [MISSES=1] [BENCH_SEEDS=2026,7] npx tsx tests/bench/accuracy-main.ts [limit]
import {formatAccuracy, runAccuracy} from './accuracy.js';
const seeds = process.env.BENCH_SEEDS?.split(',').map(Number);
const r = await runAccuracy({limit: process.argv[2] ? Number(process.argv[2]) : undefined, seeds, log: (s) => console.error(s)});
if (process.env.MISSES) console.log(r.misses.join('\n'));
console.log(formatAccuracy(r));
