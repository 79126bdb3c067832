// `npm start`: builds what is not built yet, then runs Querygate (embedded defaults unless configured).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const stale = (srcDirs, artifact) => !existsSync(artifact) || Math.max(...srcDirs.map(newest)) > statSync(artifact).mtimeMs;
const run = (args) => {
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const frontendIndex = join(root, 'frontend/dist/index.html');
if (stale([join(root, 'frontend/src')], frontendIndex)) {
  console.log('Building the dashboard…');
  run(['run', 'build', '-w', 'frontend']);
}
const backendMain = join(root, 'backend/dist/backend/src/main.js');
if (stale([join(root, 'backend/src'), join(root, 'migrations')], backendMain)) {
  console.log('Building the backend…');
  run(['run', 'build', '-w', 'backend']);
}

const child = spawn(process.execPath, ['--no-node-snapshot', backendMain], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
