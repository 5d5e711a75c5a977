/**
 * The deployment example under deploy/ holds together without a Docker engine: the compose file follows the Compose
 * rules and wires PostgreSQL, the instances and haproxy as the README says, the image pins the project's Node and runs
 * it unprivileged, and haproxy accepts deploy/haproxy.cfg and, run on loopback, balances, drains and rate-limits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { freePort } from './support/processes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const deployDir = join(root, 'deploy');
const dockerfilePath = join(deployDir, 'Dockerfile');
const haproxyCfgPath = join(deployDir, 'haproxy.cfg');

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

function dict(v: unknown, what: string): Dict {
  if (!isDict(v)) throw new Error(`${what} is not a mapping`);
  return v;
}

/**
 * Compose's variable interpolation as a fresh `docker compose up` without a .env file sees it: every `${VAR:-default}`
 * or `${VAR-default}` takes its default, a bare `${VAR}` is empty, `$$` is a dollar.
 */
function interpolate(value: string): string {
  return value
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback: string | undefined) => fallback ?? '')
    .replace(/\$\$/g, '$');
}

/** A service's environment, mapping or KEY=VALUE list, interpolated. */
function environmentOf(service: Dict): Record<string, string> {
  const env = service.environment;
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line) => {
        const text = String(line);
        const eq = text.indexOf('=');
        return eq < 0 ? [text, ''] : [text.slice(0, eq), text.slice(eq + 1)];
      })
    : Object.entries(isDict(env) ? env : {}).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v)]));
}

/** A Compose duration (`30s`, `1m30s`, `500ms`) in milliseconds. */
function composeDurationMs(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a duration: ${text}`);
  return parts.reduce((total, p) => total + Number(p[1]) * units[p[2]!]!, 0);
}

/** depends_on in either form, as service → condition. */
function dependsOn(service: Dict): Map<string, string> {
  const d = service.depends_on;
  if (Array.isArray(d)) return new Map(d.map((name) => [String(name), 'service_started']));
  return new Map(Object.entries(isDict(d) ? d : {}).map(([name, v]) => [name, String(dict(v, `depends_on.${name}`).condition)]));
}

/** Names a service refers to in a list-or-mapping key (networks, secrets as strings or {source}). */
function namesIn(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((item) => (isDict(item) ? String(item.source) : String(item)));
  return isDict(v) ? Object.keys(v) : [];
}

// The Compose Specification's keys (compose-spec/compose-spec, schema/compose-spec.json): `docker compose` refuses a
// whole file for one misspelt key, and this machine has no Docker to find out.
const topLevelKeys = new Set(['version', 'name', 'include', 'services', 'models', 'networks', 'volumes', 'secrets', 'configs']);
const serviceKeys = new Set([
  'annotations', 'attach', 'blkio_config', 'build', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command', 'configs',
  'container_name', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares',
  'cpus', 'cpuset', 'credential_spec', 'depends_on', 'deploy', 'develop', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt',
  'dns_search', 'domainname', 'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links', 'extra_hosts',
  'gpus', 'group_add', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'label_file', 'labels', 'links',
  'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'models', 'network_mode',
  'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports', 'post_start', 'pre_stop',
  'privileged', 'profiles', 'provider', 'pull_policy', 'pull_refresh_after', 'read_only', 'restart', 'runtime', 'scale',
  'secrets', 'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls',
  'tmpfs', 'tty', 'ulimits', 'use_api_socket', 'user', 'userns_mode', 'uts', 'volumes', 'volumes_from', 'working_dir',
]);
const buildKeys = new Set([
  'context', 'dockerfile', 'dockerfile_inline', 'entitlements', 'args', 'ssh', 'labels', 'cache_from', 'cache_to', 'no_cache',
  'additional_contexts', 'network', 'pull', 'target', 'shm_size', 'extra_hosts', 'isolation', 'privileged', 'secrets',
  'tags', 'ulimits', 'platforms',
]);
const healthcheckKeys = new Set(['disable', 'interval', 'retries', 'test', 'timeout', 'start_period', 'start_interval']);
const secretKeys = new Set(['name', 'environment', 'file', 'external', 'labels', 'driver', 'driver_opts', 'template_driver', 'content']);
const volumeKeys = new Set(['name', 'driver', 'driver_opts', 'external', 'labels']);
const networkKeys = new Set(['name', 'driver', 'driver_opts', 'ipam', 'external', 'internal', 'enable_ipv4', 'enable_ipv6', 'attachable', 'labels']);
const restartPolicies = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;
const dependsConditions = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

/** Keys of a mapping that a set of known keys does not hold (extension fields `x-…` are always allowed). */
const unknownKeys = (v: unknown, known: Set<string>): string[] => Object.keys(isDict(v) ? v : {}).filter((k) => !known.has(k) && !k.startsWith('x-'));

/** An image reference pinned to an exact release: a numeric version tag (postgres 18.4, node 24.21.0), never latest. */
const pinnedImage = /^[a-z0-9./_-]+:\d+\.\d+(\.\d+)?(-[a-z0-9.]+)*(@sha256:[0-9a-f]{64})?$/;

type DockerInstruction = { keyword: string; args: string; stage: number };

/** The Dockerfile's instructions, continuation lines joined and comments dropped, each with the index of its stage. */
function dockerInstructions(text: string): DockerInstruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && current === '')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current !== '') logical.push(current);
  let stage = -1;
  return logical
    .filter((l) => l !== '')
    .map((l) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(l) ?? [];
      if (keyword.toUpperCase() === 'FROM') stage += 1;
      return { keyword: keyword.toUpperCase(), args: args.trim(), stage };
    });
}

/** The exec (JSON array) form of CMD or HEALTHCHECK … CMD; the shell form does not forward signals. */
function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed as string[];
}

/** ENV lines in `KEY=value …` form (values without spaces), merged in order. */
function dockerEnv(instructions: DockerInstruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of instructions.filter((x) => x.keyword === 'ENV')) {
    for (const pair of i.args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

/** `server NAME HOST:PORT …` lines of the haproxy configuration. */
function haproxyServers(cfg: string): { name: string; host: string; port: number }[] {
  return [...cfg.matchAll(/^\s*server\s+(\S+)\s+([^\s:]+):(\d+)/gm)].map((m) => ({ name: m[1]!, host: m[2]!, port: Number(m[3]) }));
}

const compose = dict(parse(readFileSync(join(deployDir, 'compose.yaml'), 'utf8'), { merge: true }), 'compose.yaml');
const services = dict(compose.services, 'services');
const service = (name: string): Dict => dict(services[name], `services.${name}`);
const instructions = dockerInstructions(readFileSync(dockerfilePath, 'utf8'));
const lastStage = Math.max(...instructions.map((i) => i.stage));
const runtime = instructions.filter((i) => i.stage === lastStage);
const haproxyCfg = readFileSync(haproxyCfgPath, 'utf8');

/** The services built from deploy/Dockerfile: the Liaison instances. */
const appServices = Object.keys(services).filter((name) => {
  const build = service(name).build;
  if (!isDict(build)) return false;
  const context = resolve(deployDir, String(build.context ?? '.'));
  return resolve(context, String(build.dockerfile ?? 'Dockerfile')) === dockerfilePath;
});

/** The environment an instance starts with: the image's ENV, then the service's environment over it. */
const instanceEnv = (name: string): Record<string, string> => ({ ...dockerEnv(runtime), ...environmentOf(service(name)) });

describe('deploy/compose.yaml follows the Compose rules', () => {
  it('uses only known top-level, service, build, health-check, secret, volume and network keys', () => {
    expect(unknownKeys(compose, topLevelKeys)).toEqual([]);
    for (const [name, raw] of Object.entries(services)) {
      expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
      const s = dict(raw, name);
      expect(unknownKeys(s, serviceKeys), name).toEqual([]);
      expect(s.image !== undefined || s.build !== undefined, `${name} has an image or a build`).toBe(true);
      if (isDict(s.build)) expect(unknownKeys(s.build, buildKeys), `${name}.build`).toEqual([]);
      if (s.healthcheck !== undefined) expect(unknownKeys(s.healthcheck, healthcheckKeys), `${name}.healthcheck`).toEqual([]);
      if (s.restart !== undefined) expect(String(s.restart), `${name}.restart`).toMatch(restartPolicies);
    }
    for (const v of Object.values(isDict(compose.secrets) ? compose.secrets : {})) expect(unknownKeys(v, secretKeys)).toEqual([]);
    for (const v of Object.values(isDict(compose.volumes) ? compose.volumes : {})) expect(unknownKeys(v, volumeKeys)).toEqual([]);
    for (const v of Object.values(isDict(compose.networks) ? compose.networks : {})) expect(unknownKeys(v, networkKeys)).toEqual([]);
  });

  it('refers only to services, networks, named volumes and secrets it declares', () => {
    const declared = (key: string) => new Set(Object.keys(isDict(compose[key]) ? compose[key] : {}));
    for (const [name, raw] of Object.entries(services)) {
      const s = dict(raw, name);
      for (const [dep, condition] of dependsOn(s)) {
        expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
        expect(dependsConditions.has(condition), `${name} → ${dep}: ${condition}`).toBe(true);
        if (condition === 'service_healthy') expect(service(dep).healthcheck, `${dep} has a health check to wait for`).toBeDefined();
      }
      for (const n of namesIn(s.networks)) expect([...declared('networks')], `${name} joins ${n}`).toContain(n);
      for (const n of namesIn(s.secrets)) expect([...declared('secrets')], `${name} uses secret ${n}`).toContain(n);
      for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
        const source = isDict(v) ? String(v.source ?? '') : String(v).split(':')[0]!;
        if (source !== '' && !/^[./~]/.test(source)) expect([...declared('volumes')], `${name} mounts ${source}`).toContain(source);
        if (/^\.\.?\//.test(source)) expect(existsSync(resolve(deployDir, source)), `${name} mounts ${source}, which exists`).toBe(true);
      }
    }
  });

  it('pins every image it pulls to an exact version', () => {
    for (const [name, raw] of Object.entries(services)) {
      const s = dict(raw, name);
      if (s.build === undefined) expect(String(s.image), name).toMatch(pinnedImage);
    }
  });
});

describe('deploy/compose.yaml wires PostgreSQL, the instances and haproxy', () => {
  it('runs two or more instances built from deploy/Dockerfile', () => {
    expect(appServices.length).toBeGreaterThanOrEqual(2);
  });

  it('gives every instance a configuration the app accepts: PostgreSQL service, TRUST_PROXY, PUBLIC_URL, demo data, the key secret', () => {
    for (const name of appServices) {
      const env = instanceEnv(name);
      const config = loadConfig(env);
      const db = new URL(config.databaseUrl ?? 'missing:');
      const pg = service(db.hostname);
      expect(String(pg.image), `${name}: DATABASE_URL names the PostgreSQL service`).toMatch(/^postgres:1[78][.-]/);
      expect(db.pathname.slice(1)).toBe(environmentOf(pg).POSTGRES_DB);
      expect(decodeURIComponent(db.username)).toBe(environmentOf(pg).POSTGRES_USER);
      expect(decodeURIComponent(db.password)).toBe(environmentOf(pg).POSTGRES_PASSWORD);
      expect(config.trustProxy, `${name}: TRUST_PROXY`).toBe(true);
      expect(env.PUBLIC_URL, `${name}: PUBLIC_URL`).toBeTruthy();
      expect(config.demoData, `${name}: DEMO_DATA`).toBe(true);
      expect(config.host).toBe('0.0.0.0');
      expect(dependsOn(service(name)).get(db.hostname), `${name} waits for a healthy database`).toBe('service_healthy');
      // The key is a Compose secret, mounted where the image's AUDIT_SIGNING_KEY_FILE looks for it.
      expect(namesIn(service(name).secrets).map((s) => `/run/secrets/${s}`)).toContain(config.auditSigningKeyFile);
      expect(config.auditSigningKeyIsDefault).toBe(false);
    }
  });

  it('lets the load balancer see a stopping instance leave before it closes, and gives it time to finish', () => {
    // haproxy's worst case to mark a failing instance down: one `inter`, then `fall - 1` checks `fastinter` apart.
    const defaultServer = /^\s*default-server\s+(.*)$/m.exec(haproxyCfg)?.[1] ?? '';
    const word = (name: string): string => new RegExp(`\\b${name}\\s+(\\S+)`).exec(defaultServer)?.[1] ?? 'missing';
    const haproxyMs = (name: string): number => {
      // A time without a unit is in milliseconds for haproxy.
      const m = /^(\d+)(ms|s)?$/.exec(word(name));
      if (!m) throw new Error(`default-server ${name}: ${word(name)}`);
      return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
    };
    const detectMs = haproxyMs('inter') + (Number(word('fall')) - 1) * haproxyMs('fastinter');
    expect(detectMs).toBeGreaterThan(0);
    for (const name of appServices) {
      const config = loadConfig(instanceEnv(name));
      expect(detectMs, `${name}: haproxy notices the drain before it ends`).toBeLessThan(config.shutdownDrainMs);
      const grace = composeDurationMs(String(service(name).stop_grace_period ?? '10s'));
      expect(grace, `${name}: stop_grace_period covers the drain and a request in progress`).toBeGreaterThan(config.shutdownDrainMs + config.requestTimeoutMs);
      // A slow request gets the application's own 503 with Retry-After, not a bare 504 from the load balancer.
      const [, amount = '0', unit] = /^\s*timeout server\s+(\d+)(ms|s)?\s*$/m.exec(haproxyCfg) ?? [];
      expect(Number(amount) * (unit === 's' ? 1000 : 1), 'haproxy timeout server').toBeGreaterThan(config.requestTimeoutMs);
    }
  });

  it('keeps the PostgreSQL data on a named volume and checks its health', () => {
    const pg = service(new URL(instanceEnv(appServices[0]!).DATABASE_URL!).hostname);
    const mounts = (Array.isArray(pg.volumes) ? pg.volumes : []).map((v) => String(v).split(':'));
    const volumes = Object.keys(dict(compose.volumes, 'volumes'));
    expect(mounts.some(([src, dst]) => volumes.includes(src!) && dst!.startsWith('/var/lib/postgresql'))).toBe(true);
    expect(JSON.stringify(dict(pg.healthcheck, 'postgres.healthcheck').test)).toContain('pg_isready');
  });

  it('declares the audit signing key as a file secret under deploy/secrets, which git ignores', () => {
    const secrets = dict(compose.secrets, 'secrets');
    const used = new Set(appServices.flatMap((name) => namesIn(service(name).secrets)));
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      const file = String(dict(secrets[name], name).file);
      expect(resolve(deployDir, file).startsWith(join(deployDir, 'secrets'))).toBe(true);
    }
    expect(readFileSync(join(deployDir, 'secrets', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('publishes haproxy with deploy/haproxy.cfg, and every server line names an instance on its port', () => {
    const lb = Object.entries(services).find(([, s]) => String(dict(s, 'service').image).startsWith('haproxy:'));
    expect(lb, 'a haproxy service').toBeDefined();
    const [, haproxy] = lb!;
    const h = dict(haproxy, 'haproxy');
    const mounts = (Array.isArray(h.volumes) ? h.volumes : []).map((v) => String(v).split(':'));
    expect(mounts.some(([src, dst]) => resolve(deployDir, src!) === haproxyCfgPath && dst === '/usr/local/etc/haproxy/haproxy.cfg')).toBe(true);
    const published = (Array.isArray(h.ports) ? h.ports : []).map((p) => Number(interpolate(String(p)).split(':').pop()));
    const binds = [...haproxyCfg.matchAll(/^\s*bind\s+\S*:(\d+)/gm)].map((m) => Number(m[1]));
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(binds, 'a published port is one haproxy binds').toContain(port);

    const servers = haproxyServers(haproxyCfg);
    for (const s of servers) {
      expect(appServices, `haproxy's server ${s.name} is an instance of compose.yaml`).toContain(s.host);
      expect(s.port).toBe(loadConfig(instanceEnv(s.host)).port);
    }
    expect(servers.map((s) => s.host).sort(), 'every instance is behind the load balancer').toEqual([...appServices].sort());
  });
});

describe('deploy/Dockerfile', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

  it('pins every base image to an exact version, and runs the Node version package.json pins', () => {
    const froms = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0]!);
    expect(froms.length, 'multi-stage').toBeGreaterThanOrEqual(2);
    for (const image of froms) expect(image).toMatch(pinnedImage);
    const runtimeImage = runtime.find((i) => i.keyword === 'FROM')!.args.split(/\s+/)[0]!;
    expect(runtimeImage).toMatch(/^node:\d+\.\d+\.\d+-/);
    expect(runtimeImage.slice('node:'.length).split('-')[0]).toBe(pkg.dependencies.node);
    // Native modules installed in the first stage run in the last: the same Node in both.
    for (const image of froms.filter((f) => f.startsWith('node:'))) expect(image).toBe(runtimeImage);
  });

  it('installs with npm ci in a dependency stage and copies only what the server needs', () => {
    expect(instructions.some((i) => i.stage < lastStage && i.keyword === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='));
    const sources = copies.flatMap((i) => i.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1));
    const ignore = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    // The build context is an allow-list: everything is excluded, then each copied path is let back in.
    expect(ignore.find((l) => l !== '' && !l.startsWith('#'))).toBe('*');
    for (const source of sources) {
      expect(existsSync(join(root, source)), `${source} exists`).toBe(true);
      expect(ignore, `${source} is let into the build context`).toContain(`!${posix.normalize(source).replace(/\/$/, '')}`);
    }
    expect(sources.some((s) => s.startsWith('node_modules') || s === '.')).toBe(false);
  });

  it('runs as a user other than root, with NODE_ENV=production, HOST=0.0.0.0 and port 3000 exposed', () => {
    const cmdAt = runtime.findIndex((i) => i.keyword === 'CMD');
    const users = runtime.slice(0, cmdAt).filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args.split(':')[0]).not.toMatch(/^(root|0)$/);
    const env = dockerEnv(runtime);
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(runtime.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args)).toContain(String(loadConfig(env).port));
    expect(runtime.some((i) => i.keyword === 'VOLUME' && i.args.includes(env.DATA_DIR!))).toBe(true);
  });

  it('starts the server with node itself, not through npm, so SIGTERM reaches it', () => {
    const cmds = runtime.filter((i) => i.keyword === 'CMD');
    expect(cmds).toHaveLength(1);
    expect(runtime.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
    const argv = execForm(cmds[0]!.args);
    expect(argv[0], 'node, not npm or a shell').toBe('node');
    const script = argv.find((a) => a.endsWith('.ts'));
    expect(script).toBe('src/main.ts');
    expect(existsSync(join(root, script!))).toBe(true);
  });

  describe('HEALTHCHECK', () => {
    const hc = runtime.find((i) => i.keyword === 'HEALTHCHECK');
    let server: Server;
    let port = 0;
    let status = 200;

    beforeAll(async () => {
      server = createServer((req, res) => {
        res.writeHead(req.url === '/healthz' ? status : 404).end();
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      port = address.port;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    /**
     * Runs the image's health check command with this Node (the same version as the image's) against PORT; in a child
     * process of its own, since the server answering it lives in this one.
     */
    const probe = (p: number): Promise<number | null> => {
      const argv = execForm(hc!.args.replace(/^.*?\bCMD\s+/, ''));
      expect(argv[0]).toBe('node');
      const child = spawn(process.execPath, argv.slice(1), { env: { ...process.env, PORT: String(p) }, stdio: 'ignore', timeout: 10_000 });
      return new Promise((done) => child.once('exit', (code) => done(code)));
    };

    it('asks /healthz, succeeding on 200 and failing on 503 or when nothing answers', async () => {
      expect(hc, 'a HEALTHCHECK').toBeDefined();
      expect(hc!.args).toMatch(/--interval=\d+s/);
      expect(hc!.args).toMatch(/--timeout=\d+s/);
      status = 200;
      expect(await probe(port)).toBe(0);
      status = 503;
      expect(await probe(port)).toBe(1);
      expect(await probe(await freePort())).toBe(1);
    });
  });
});

/** The haproxy binary on PATH, or null. */
function haproxyOnPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'haproxy');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

const haproxy = haproxyOnPath();
if (!haproxy) {
  console.warn(
    'test/deploy.test.ts: no haproxy on PATH, so deploy/haproxy.cfg is neither syntax-checked nor run here (apt-get install haproxy; .ci/run installs it)',
  );
}

describe.skipIf(!haproxy)('deploy/haproxy.cfg, checked by haproxy', () => {
  it('is a valid configuration; the only warnings are the compose hostnames that do not resolve outside Docker', () => {
    const r = spawnSync(haproxy!, ['-c', '-f', haproxyCfgPath], { encoding: 'utf8', timeout: 20_000 });
    const output = `${r.stdout}${r.stderr}`;
    expect(r.status, output).toBe(0);
    expect(output).toContain('Configuration file is valid');
    const warnings = output.split('\n').filter((l) => l.includes('[WARNING]') || l.includes('[ALERT]'));
    for (const w of warnings) expect(w).toMatch(/could not resolve address/);
  });
});

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/** One HTTP request to the load balancer on loopback, from a chosen loopback source address. */
function send(agent: Agent, port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${path}`)));
    req.on('error', fail);
    req.end();
  });
}

/** A keep-alive agent whose connections leave from `source`, a loopback address: each source is one client to haproxy. */
const clientFrom = (source: string): Agent => new Agent({ keepAlive: true, maxSockets: 8, localAddress: source });

/** A stand-in for one instance, answering with its name, the X-Forwarded-For it got, and a health status set by the test. */
type Backend = { name: string; server: Server; port: number; healthy: boolean; served: number };

async function startBackend(name: string): Promise<Backend> {
  const backend: Backend = { name, server: createServer(), port: 0, healthy: true, served: 0 };
  backend.server.on('request', (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(backend.healthy ? 200 : 503, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    backend.served += 1;
    res.writeHead(200, { 'content-type': 'text/plain', 'x-instance': name, 'x-seen-forwarded-for': req.headers['x-forwarded-for'] ?? '' }).end(name);
  });
  await new Promise<void>((done) => backend.server.listen(0, '127.0.0.1', done));
  const address = backend.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  backend.port = address.port;
  return backend;
}

describe.skipIf(!haproxy)('deploy/haproxy.cfg, run on loopback in front of two instances', () => {
  let dir = '';
  let lb: ChildProcess | null = null;
  let lbPort = 0;
  let lbErrors = '';
  const backends: Backend[] = [];

  beforeAll(async () => {
    backends.push(await startBackend('app-1'), await startBackend('app-2'));
    lbPort = await freePort();
    const statsPort = await freePort();
    // The configuration as shipped, but listening on loopback and pointing at the stand-ins instead of compose's hosts.
    let index = 0;
    const cfg = haproxyCfg
      .replace(/^(\s*)bind :8080$/m, `$1bind 127.0.0.1:${lbPort}`)
      .replace(/^(\s*)bind :8404$/m, `$1bind 127.0.0.1:${statsPort}`)
      .replace(/^(\s*server\s+\S+\s+)\S+:\d+/gm, (_m, head: string) => `${head}127.0.0.1:${backends[index++]!.port}`);
    expect(index).toBe(2);
    expect(cfg).toContain(`bind 127.0.0.1:${lbPort}`);
    dir = mkdtempSync(join(tmpdir(), 'liaison-haproxy-'));
    writeFileSync(join(dir, 'haproxy.cfg'), cfg);
    lb = spawn(haproxy!, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
    lb.stderr!.setEncoding('utf8').on('data', (chunk: string) => (lbErrors += chunk));
    // Up once a request through it reaches an instance (bounded: 10 s).
    const agent = clientFrom('127.0.0.1');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await send(agent, lbPort, '/').then((r) => r.status === 200, () => false);
      if (ok) break;
      if (Date.now() > deadline || lb.exitCode !== null) throw new Error(`haproxy did not start: ${lbErrors}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    agent.destroy();
  });

  afterAll(async () => {
    if (lb && lb.exitCode === null) {
      const exited = new Promise((done) => lb!.once('exit', done));
      lb.kill('SIGTERM');
      await exited;
    }
    for (const b of backends) await new Promise<void>((done) => b.server.close(() => done()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('spreads requests round-robin and appends the client address as the last X-Forwarded-For entry', async () => {
    const agent = clientFrom('127.0.0.3');
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await send(agent, lbPort, '/notices', { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(r.status).toBe(200);
      seen.push(String(r.headers['x-instance']));
      // A client's own X-Forwarded-For is kept, but the address Liaison reads (the last one) is the real source.
      expect(String(r.headers['x-seen-forwarded-for']).split(',').map((s) => s.trim())).toEqual(['203.0.113.9', '127.0.0.3']);
    }
    agent.destroy();
    expect(seen.filter((n) => n === 'app-1')).toHaveLength(10);
    expect(seen.filter((n) => n === 'app-2')).toHaveLength(10);
  });

  it('limits password forms to 30 a minute per client, with Retry-After', async () => {
    const agent = clientFrom('127.0.0.4');
    const statuses: number[] = [];
    let limited: Answer | null = null;
    for (let i = 0; i < 32; i++) {
      const r = await send(agent, lbPort, i % 2 === 0 ? '/portal/sign-in' : '/fr/portal/mfa/totp', { method: 'POST' });
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect(limited!.headers['retry-after']).toBe('60');
    // The page itself (GET) and another client are not held back.
    expect((await send(agent, lbPort, '/portal/sign-in')).status).toBe(200);
    agent.destroy();
    const other = clientFrom('127.0.0.5');
    expect((await send(other, lbPort, '/portal/sign-in', { method: 'POST' })).status).toBe(200);
    other.destroy();
  });

  it('answers 429 with Retry-After past 600 requests in 10 s from one client, and only to that client', async () => {
    const agent = clientFrom('127.0.0.6');
    const statuses: number[] = [];
    // Ten at a time; the whole burst takes well under the 10 s window.
    for (let batch = 0; batch < 610 / 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(agent, lbPort, '/static/site.css')));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(600);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const again = await send(agent, lbPort, '/');
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('10');
    agent.destroy();
    const other = clientFrom('127.0.0.7');
    expect((await send(other, lbPort, '/')).status).toBe(200);
    other.destroy();
  });

  it('takes an instance whose /healthz fails out within a few seconds, and brings it back when it passes again', async () => {
    const agent = clientFrom('127.0.0.8');
    const [one, two] = backends as [Backend, Backend];
    /** Time until `n` requests in a row reach only `only` (or both, when null), bounded by 8 s. */
    const until = async (only: string | null): Promise<number> => {
      const started = Date.now();
      let streak = 0;
      const names = new Set<string>();
      while (Date.now() - started < 8_000) {
        const r = await send(agent, lbPort, '/');
        expect(r.status).toBe(200);
        names.add(String(r.headers['x-instance']));
        streak = only === null || r.headers['x-instance'] === only ? streak + 1 : 0;
        if (only === null ? names.size === 2 : streak >= 10) return Date.now() - started;
        await new Promise((done) => setTimeout(done, 50));
      }
      throw new Error(`the load balancer did not settle on ${only ?? 'both instances'} within 8 s`);
    };
    two.healthy = false;
    const out = await until('app-1');
    // A stopping instance fails its health check for SHUTDOWN_DRAIN_MS before it closes: traffic must be gone by then.
    expect(out).toBeLessThan(loadConfig(instanceEnv('app-2')).shutdownDrainMs);
    const servedByTwo = two.served;
    // While it is out, nothing more reaches it.
    for (let i = 0; i < 10; i++) expect((await send(agent, lbPort, '/')).headers['x-instance']).toBe('app-1');
    expect(two.served).toBe(servedByTwo);
    two.healthy = true;
    const back = await until(null);
    expect(back).toBeLessThan(5_000);
    expect(one.served).toBeGreaterThan(0);
    agent.destroy();
  });
});
