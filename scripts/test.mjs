// `npm test`: the whole suite, in order, against the local PostgreSQL, MariaDB and Redis.
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', ['run', 'lint']],
  ['typecheck', ['run', 'typecheck']],
  ['build', ['run', 'build']],
  ['generated client is current', ['run', 'check-client', '-w', 'frontend']],
  ['backend: unit, integration, e2e', ['exec', '-w', 'backend', '--', 'vitest', 'run']],
  ['frontend: components', ['run', 'test:unit', '-w', 'frontend']],
  ['frontend: browser e2e (Chromium)', ['run', 'test:e2e', '-w', 'frontend']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}: npm ${args.join(' ')}`);
  const r = spawnSync('npm', args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push([name, r.status === 0, seconds]);
  if (r.status !== 0) break;
}
console.log('\nSummary');
for (const [name, ok, seconds] of results) console.log(`  ${ok ? '✓' : '✗'} ${name} (${seconds} s)`);
const failed = results.filter(([, ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
