import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from 'src/config/app-config.service.js';

interface StoredSecrets {
  appSecret: string;
  encryptionKey: string;
}

/**
 * Embedded mode only: APP_SECRET and ENCRYPTION_KEY left unset are generated once into
 * `DATA_DIR/secrets.json` (mode 0600) and reused on later starts. Production requires both (checked in loadConfig).
 */
export function resolveRuntimeSecrets(config: AppConfig): AppConfig {
  if (config.appSecret && config.encryptionKey) return config;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, 'secrets.json');
  let stored: StoredSecrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } else {
    stored = { appSecret: randomBytes(48).toString('base64url'), encryptionKey: `k1:${randomBytes(32).toString('base64')}` };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.freeze({
    ...config,
    appSecret: config.appSecret ?? stored.appSecret,
    encryptionKey: config.encryptionKey ?? stored.encryptionKey,
  });
}
