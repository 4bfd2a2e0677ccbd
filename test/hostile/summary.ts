// `npx tsx test/hostile/summary.ts` (after `npm test`): one line with the counts of the hostile-input suite for
// .ci/run (issue 22). The bad-input corpus is counted here; the route fuzz, kill and disk-full counts are the ones
// the tests recorded as they ran (test/hostile/summary-record.ts); a part that did not run says so.
import { CASES } from '../corpus/bad-input-cases.ts';
import { HOSTILE_CASES } from '../corpus/hostile-cases.ts';
import { readHostile } from './summary-record.ts';

const r = readHostile();
const fuzz = r['route-fuzz'];
const kill = r.kill;
const disk = r['disk-full'];
const parts = [
  `corpus ${CASES.length + HOSTILE_CASES.length} cases`,
  fuzz
    ? `route fuzz ${fuzz.requests} requests over ${fuzz.routes} routes, ${fuzz.bad} 5xx/no answer, /health p95 ${Number(fuzz.health_p95_ms).toFixed(1)} ms`
    : 'route fuzz not run',
  kill ? `kill tests ${kill.consistent}/${kill.kills} consistent` : 'kill tests not run',
  disk ? `disk full ${disk.reported}/${disk.cases} reported (exit 74)` : 'disk full not run (no tmpfs mount)',
];
console.log(`hostile: ${parts.join('; ')}`);
