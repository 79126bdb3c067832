// Fails when src/api/client differs from what backend/openapi.json generates (STYLE.md §8.10: no drift).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = fileURLToPath(new URL('..', import.meta.url));
const committed = join(frontend, 'src/api/client');
const spec = join(frontend, '../backend/openapi.json');

if (!existsSync(spec)) {
  console.error(`check-client: ${spec} is missing; the backend must commit its OpenAPI document.`);
  process.exit(1);
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const out = mkdtempSync(join(tmpdir(), 'qg-client-'));
try {
  const bin = join(frontend, 'node_modules/.bin/openapi-ts');
  const cli = existsSync(bin) ? bin : join(frontend, '../node_modules/.bin/openapi-ts');
  execFileSync(cli, ['-f', 'openapi-ts.config.ts'], { cwd: frontend, env: { ...process.env, QG_CLIENT_OUT: out }, stdio: ['ignore', 'ignore', 'inherit'] });

  const expected = new Map(listFiles(out).map((f) => [relative(out, f), readFileSync(f, 'utf8')]));
  const actual = new Map(listFiles(committed).map((f) => [relative(committed, f), readFileSync(f, 'utf8')]));
  const problems = [];
  for (const [file, text] of expected) {
    if (!actual.has(file)) problems.push(`missing: ${file}`);
    else if (actual.get(file) !== text) problems.push(`differs: ${file}`);
  }
  for (const file of actual.keys()) if (!expected.has(file)) problems.push(`extra: ${file}`);

  if (problems.length) {
    console.error(`check-client: src/api/client is out of date with backend/openapi.json:\n  ${problems.join('\n  ')}\nRun \`npm run generate-client -w frontend\` and commit the result.`);
    process.exit(1);
  }
  console.log(`check-client: src/api/client matches backend/openapi.json (${expected.size} files)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
