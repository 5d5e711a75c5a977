/** Starts the platform: validated config, database (waited for), HTTP server on HOST:PORT, drain and graceful shutdown. */
import type { Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { openPlatform } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { createLogger } from './logger.ts';
import { formatDemoCredentials } from './services/demo/seed-demo-accounts.ts';

/** How long requests already in progress may take to finish once a stop is asked for; then their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

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
  let platform;
  try {
    platform = await openPlatform(config, logger);
  } catch (err) {
    // A start that cannot open its database or its signing key says why in one line, not a stack trace.
    logger.fatal({ err }, 'start-up failed');
    process.stderr.write(`Cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  // Printed once, on the start that created the demo accounts; they are never shown again.
  if (platform.demoCredentials) process.stdout.write(formatDemoCredentials(platform.demoCredentials));
  // Without TLS or HTTP/2 options, @hono/node-server serves with node:http.
  const server = serve({ fetch: platform.app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(`${config.site.name} listening on ${config.publicUrl} (port ${info.port}, ${config.databaseUrl ? 'postgres' : 'sqlite'})`);
  }) as Server;

  let stopping = false;
  // Answers still being prepared when a stop comes are told to close their connection instead of keeping it alive.
  const unanswered = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping) {
      res.shouldKeepAlive = false;
      return;
    }
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });
  /** Stops accepting, lets requests in progress finish (cut after the grace period), closes the database, exits. */
  const close = () => {
    logger.info('stopping: no new connections, waiting for requests in progress');
    const cut = setTimeout(() => {
      logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still in progress after the grace period: closing their connections');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    cut.unref();
    // close() stops accepting and calls back once every connection has ended. Keep-alive connections would otherwise
    // outlive their last request: answers from now on say `Connection: close`, and idle ones are swept until the end.
    for (const res of unanswered) if (!res.headersSent) res.shouldKeepAlive = false;
    const sweep = setInterval(() => server.closeIdleConnections(), 250);
    server.close(() => {
      clearTimeout(cut);
      clearInterval(sweep);
      platform.close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'closing the database failed');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  const stop = (signal: NodeJS.Signals) => {
    // A Ctrl-C in a terminal reaches this process twice (from the terminal and forwarded by npm): stop once.
    if (stopping) return;
    stopping = true;
    // The health check fails first; requests keep being served (with `Connection: close`) during the drain delay, so
    // the load balancer sees the instance leave and moves traffic before the listening socket goes away.
    platform.startDraining();
    if (config.shutdownDrainMs === 0) {
      logger.info({ signal }, 'stop asked for');
      close();
      return;
    }
    logger.info({ signal, drainMs: config.shutdownDrainMs }, 'stop asked for: health check now answers draining');
    setTimeout(close, config.shutdownDrainMs);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
