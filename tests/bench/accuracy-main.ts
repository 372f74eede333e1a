// Accuracy only, with the list of misses: npx tsx tests/bench/accuracy-main.ts [limit]
import {formatAccuracy, runAccuracy} from './accuracy.js';
const r = await runAccuracy({limit: process.argv[2] ? Number(process.argv[2]) : undefined, log: (s) => console.error(s)});
if (process.env.MISSES) console.log(r.misses.join('\n'));
console.log(formatAccuracy(r));
