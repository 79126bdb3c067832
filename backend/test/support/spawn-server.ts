import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/backend/src/main.js', import.meta.url));

export interface SpawnedServer {
  out: () => string;
  port: number;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts the built server (`npm run build -w backend` first) and waits until it listens. */
export function spawnServer(env: Record<string, string>, timeoutMs = 90_000): Promise<SpawnedServer> {
  return new Promise((resolve, reject) => {
    if (!existsSync(MAIN)) return reject(new Error('backend/dist is missing: run `npm run build -w backend` first'));
    const child = spawn(process.execPath, ['--no-node-snapshot', MAIN], {
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time; output:\n${out}`));
    }, timeoutMs);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          out: () => out,
          port: Number(m[1]),
          child,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; output:\n${out}`));
    });
  });
}
