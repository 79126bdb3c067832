import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = Symbol('DASHBOARD_DIR');

/** DASHBOARD_DIR, or frontend/dist of this checkout (found by walking up from the compiled file). */
export function findDashboardDir(configured: string | null): string | null {
  if (configured) return existsSync(configured) ? resolve(configured) : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'frontend', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return null;
}
