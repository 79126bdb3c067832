// `npm run bench`: every benchmark in this folder, one after the other (after `npm run build -w backend`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const dir = new URL('./', import.meta.url).pathname;
const order = ['gateway-bench.mjs', 'render-bench.mjs', 'script-bench.mjs'];
const all = readdirSync(dir).filter((f) => f.endsWith('-bench.mjs'));
const files = [...order.filter((f) => all.includes(f)), ...all.filter((f) => !order.includes(f)).sort()];
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--no-node-snapshot', dir + file], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${file} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
