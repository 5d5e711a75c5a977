/** Reads and validates the process configuration once at start-up, failing fast with a readable message. */
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A duration in milliseconds from the environment, within bounds that keep a typo from disabling the guard. */
const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** One office text in one language: a sentence or two, never empty. */
const textIn = (max: number) => z.string().trim().min(1).max(max);

/**
 * An office text as the plain variable gives it: either one text for every language without its own, or a JSON object
 * of texts per language (`{"en": "…", "fr": "…"}`), for operators who prefer one variable to one per language.
 */
const officeTextVar = (max: number) =>
  z.string().transform((value, ctx): { any?: string; byLang: Record<string, string> } => {
    if (!value.trimStart().startsWith('{')) {
      const one = textIn(max).safeParse(value);
      if (one.success) return { any: one.data, byLang: {} };
      for (const issue of one.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    }
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON (a text, or an object of texts per language such as {"en":"…","fr":"…"})' });
      return z.NEVER;
    }
    const byLang = z.record(z.string().regex(/^[a-z]{2,3}$/), textIn(max)).safeParse(json);
    if (byLang.success) return { byLang: byLang.data };
    for (const issue of byLang.error.issues) {
      const message = issue.code === 'invalid_key' ? 'is not a language code such as "fr"' : issue.message;
      ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'value'} ${message}` });
    }
    return z.NEVER;
  });

/** An SMTP server's address: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start), with a host. */
function isSmtpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const MAX_NAME = 120;
const MAX_EMERGENCY = 200;

/** `SITE_NAME_FR`, `SITE_EMERGENCY_TEXT_DE`…: an office text in one language, the suffix being its language code. */
const perLanguageVar = /^SITE_(NAME|EMERGENCY_TEXT)_([A-Z]{2,3})$/;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset to use SQLite in DATA_DIR)')
    .optional(),
  /**
   * Where uploaded photos live: `files` under DATA_DIR, or `database`, which every instance behind a load balancer
   * shares. Defaults to `database` with DATABASE_URL (several instances) and to `files` otherwise.
   */
  PHOTO_STORAGE: z.enum(['files', 'database']).optional(),
  DEMO_DATA: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public origin used in feeds, sitemaps, Open Graph tags and WebAuthn; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  SITE_NAME: z.string().min(1).max(MAX_NAME).default('Demo Police Cooperation Office'),
  SITE_SHORT_NAME: z.string().min(1).max(20).default('DPCO'),
  SITE_LOGO_URL: z.string().min(1).default('/static/logo.svg'),
  SITE_CONTACT_EMAIL: z.string().email().default('contact@office.example'),
  /** Unset, every language shows its catalog's sentence; see officeText for the order of precedence. */
  SITE_EMERGENCY_TEXT: officeTextVar(MAX_EMERGENCY).optional(),
  /** Trust X-Forwarded-For from a load balancer (only behind one). */
  TRUST_PROXY: bool.default(false),
  /** Ed25519 private key (PKCS#8 PEM) signing the audit trail's checkpoints and head; kept outside the database. */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Ed25519 public key (SPKI PEM) for `audit verify` on a machine that must not hold the private key. */
  AUDIT_VERIFY_KEY_FILE: z.string().min(1).optional(),
  /** PostgreSQL connections per instance; instances × pool size must stay under the server's max_connections. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DB_CONNECT_TIMEOUT_MS: ms(100, 120_000, 3_000),
  DB_STATEMENT_TIMEOUT_MS: ms(100, 600_000, 5_000),
  DB_LOCK_TIMEOUT_MS: ms(10, 600_000, 3_000),
  REQUEST_TIMEOUT_MS: ms(100, 600_000, 10_000),
  /** How long a starting instance waits for an unreachable database; 0 tries once. */
  DB_STARTUP_WAIT_MS: ms(0, 3_600_000, 60_000),
  /** How long /healthz answers "draining" after SIGTERM before the server stops accepting; see loadConfig for the default. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** Where notification e-mails go out; unset, nothing is sent and the outbox keeps them. */
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example:465 (leave it unset to keep e-mails in the outbox)')
    .optional(),
  SMTP_FROM: z.string().email().default('portal@office.example'),
});

/**
 * A text of the office that the operator may set per language: `byLang` from `SITE_…_<LANG>` variables or the JSON
 * form, `any` from a plain value, which serves every language that has none of its own.
 */
export type OfficeText = { readonly any: string | undefined; readonly byLang: Readonly<Record<string, string>> };

/**
 * The office's text for a page language: its own value, else the plain one (the office's words, which may name
 * numbers the catalog cannot know, outrank a translation), else undefined so the page shows its catalog's text.
 */
export function officeText(text: OfficeText, lang: string): string | undefined {
  return text.byLang[lang] ?? text.any;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  photoStorage: 'files' | 'database';
  demoData: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  publicUrl: string;
  trustProxy: boolean;
  /**
   * The audit signing key file: AUDIT_SIGNING_KEY_FILE, or when unset `secrets/audit-ed25519.pem` beside (never
   * inside) DATA_DIR, created on first start; null for an in-memory database, which gets a key for the process only.
   */
  auditSigningKeyFile: string | null;
  /** True when auditSigningKeyFile is the default rather than set by the operator (start-up then warns). */
  auditSigningKeyIsDefault: boolean;
  auditVerifyKeyFile: string | null;
  db: {
    poolSize: number;
    /** Longest wait for a new PostgreSQL connection (also for a free one when the pool is full). */
    connectTimeoutMs: number;
    /** PostgreSQL statement_timeout; a frozen server is caught a second later on the client side. */
    statementTimeoutMs: number;
    /** PostgreSQL lock_timeout, and SQLite's busy_timeout. */
    lockTimeoutMs: number;
    /** How long a starting instance retries an unreachable database before it exits. */
    startupWaitMs: number;
  };
  /** A request still unanswered after this long gets a 503 with Retry-After. */
  requestTimeoutMs: number;
  /** After SIGTERM, how long /healthz answers "draining" (so the load balancer stops routing) before the server closes. */
  shutdownDrainMs: number;
  /** Notification e-mails: the server (null: none is sent, the outbox keeps them) and the sender's address. */
  smtp: { url: string | null; from: string };
  site: {
    /** The office's name in the default language (SITE_NAME), for places that have no page language. */
    name: string;
    /** The name per language from SITE_NAME_<LANG>; `any` is SITE_NAME. */
    names: OfficeText;
    shortName: string;
    logoUrl: string;
    contactEmail: string;
    /** The footer's emergency sentence; languages without a value show the catalog's `layout.emergency`. */
    emergencyText: OfficeText;
  };
};

export class ConfigError extends Error {}

/** Two or three health-check intervals of a typical load balancer (haproxy's default `inter` is 2 s). */
const DEFAULT_DRAIN_BEHIND_PROXY_MS = 5_000;

/**
 * Where the audit signing key goes when the operator names none: a `secrets` folder beside DATA_DIR, so that a copy or
 * backup of the data folder does not carry the key that vouches for it. Null for an in-memory database.
 */
export function defaultAuditSigningKeyFile(dataDir: string): string | null {
  if (dataDir === ':memory:') return null;
  return join(dirname(resolve(dataDir)), 'secrets', 'audit-ed25519.pem');
}

type PerLanguage = { name: Record<string, string>; emergencyText: Record<string, string>; problems: string[] };

/** The `SITE_…_<LANG>` variables, each checked like its plain form. */
function perLanguageTexts(env: Record<string, string>): PerLanguage {
  const out: PerLanguage = { name: {}, emergencyText: {}, problems: [] };
  for (const [key, value] of Object.entries(env)) {
    const m = perLanguageVar.exec(key);
    if (!m) continue;
    const [, which, lang = ''] = m;
    const checked = textIn(which === 'NAME' ? MAX_NAME : MAX_EMERGENCY).safeParse(value);
    if (!checked.success) out.problems.push(...checked.error.issues.map((i) => `  ${key}: ${i.message}`));
    else out[which === 'NAME' ? 'name' : 'emergencyText'][lang.toLowerCase()] = checked.data;
  }
  return out;
}

/** Parses an environment into a Config; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const parsed = schema.safeParse(cleaned);
  const perLanguage = perLanguageTexts(cleaned);
  if (!parsed.success || perLanguage.problems.length > 0) {
    const lines = [...(parsed.error?.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`) ?? []), ...perLanguage.problems];
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.PHOTO_STORAGE === 'files' && e.DATA_DIR === ':memory:')
    throw new ConfigError('Invalid configuration:\n  PHOTO_STORAGE: files need a DATA_DIR folder; an in-memory database keeps photos in the database');
  const emergency = e.SITE_EMERGENCY_TEXT;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    // An in-memory database has no folder to keep files in, so its photos stay beside it.
    photoStorage: e.PHOTO_STORAGE ?? (e.DATABASE_URL !== undefined || e.DATA_DIR === ':memory:' ? 'database' : 'files'),
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY,
    auditSigningKeyFile: e.AUDIT_SIGNING_KEY_FILE ?? defaultAuditSigningKeyFile(e.DATA_DIR),
    auditSigningKeyIsDefault: e.AUDIT_SIGNING_KEY_FILE === undefined,
    auditVerifyKeyFile: e.AUDIT_VERIFY_KEY_FILE ?? null,
    db: {
      poolSize: e.DB_POOL_SIZE,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS,
      startupWaitMs: e.DB_STARTUP_WAIT_MS,
    },
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    // Only behind a load balancer does anyone read /healthz to stop routing here; run alone, stop at once.
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS ?? (e.TRUST_PROXY ? DEFAULT_DRAIN_BEHIND_PROXY_MS : 0),
    smtp: { url: e.SMTP_URL ?? null, from: e.SMTP_FROM },
    site: {
      name: e.SITE_NAME,
      names: { any: e.SITE_NAME, byLang: perLanguage.name },
      shortName: e.SITE_SHORT_NAME,
      logoUrl: e.SITE_LOGO_URL,
      contactEmail: e.SITE_CONTACT_EMAIL,
      // A per-language variable refines the JSON form, which an operator may have set for the other languages.
      emergencyText: { any: emergency?.any, byLang: { ...emergency?.byLang, ...perLanguage.emergencyText } },
    },
  };
}
