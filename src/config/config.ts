/** Reads and validates the process configuration once at start-up, failing fast with a readable message. */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset to use SQLite in DATA_DIR)')
    .optional(),
  DEMO_DATA: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public origin used in feeds, sitemaps, Open Graph tags and WebAuthn; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  SITE_NAME: z.string().min(1).max(120).default('Demo Police Cooperation Office'),
  SITE_SHORT_NAME: z.string().min(1).max(20).default('DPCO'),
  SITE_LOGO_URL: z.string().min(1).default('/static/logo.svg'),
  SITE_CONTACT_EMAIL: z.string().email().default('contact@office.example'),
  SITE_EMERGENCY_TEXT: z.string().min(1).max(200).default('In an emergency, call 112 anywhere in the EU.'),
  /** Trust X-Forwarded-For from a load balancer (only behind one). */
  TRUST_PROXY: bool.default(false),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoData: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  publicUrl: string;
  trustProxy: boolean;
  site: {
    name: string;
    shortName: string;
    logoUrl: string;
    contactEmail: string;
    emergencyText: string;
  };
};

export class ConfigError extends Error {}

/** Parses an environment into a Config; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY,
    site: {
      name: e.SITE_NAME,
      shortName: e.SITE_SHORT_NAME,
      logoUrl: e.SITE_LOGO_URL,
      contactEmail: e.SITE_CONTACT_EMAIL,
      emergencyText: e.SITE_EMERGENCY_TEXT,
    },
  };
}
