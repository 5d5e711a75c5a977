/** Starts the platform: validated config, database, HTTP server on HOST:PORT, graceful shutdown. */
import { serve } from '@hono/node-server';
import { openPlatform } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { createLogger } from './logger.ts';
import { formatDemoCredentials } from './services/demo/seed-demo-accounts.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const platform = await openPlatform(config, logger);
  // Printed once, on the start that created the demo accounts; they are never shown again.
  if (platform.demoCredentials) process.stdout.write(formatDemoCredentials(platform.demoCredentials));
  const server = serve({ fetch: platform.app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(`${config.site.name} listening on ${config.publicUrl} (port ${info.port}, ${platform.deps.store.dialect})`);
  });
  const stop = () => {
    server.close(() => {
      void platform.close().then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
