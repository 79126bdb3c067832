import 'reflect-metadata';
import { createApp, stopApp } from 'src/app.factory.js';
import { ConfigError, loadConfig } from 'src/config/app-config.service.js';
import { resolveRuntimeSecrets } from 'src/config/runtime-secrets.js';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = resolveRuntimeSecrets(loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee .env.example or docs/configuration.md.\n`);
      process.exit(1);
    }
    throw e;
  }
  const { app, logger } = await createApp(config);

  // Graceful stop: refuse new connections, let in-flight requests finish, close pools, then exit.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    setTimeout(() => {
      logger.error('Shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    const started = Date.now();
    await stopApp(app);
    logger.info({ ms: Date.now() - started }, 'Stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, embedded: !config.databaseUrl }, `Querygate listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);
}

void bootstrap();
