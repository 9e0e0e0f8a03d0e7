#!/usr/bin/env node
// `pnpm sdk:pack`: builds the packages a third-party plugin needs to JavaScript plus .d.ts and writes installable
// tarballs of them to dist/packages/:
//   @platform/sdk            the plugin contract (no kernel at run time)
//   @platform/testing        the test kit (a dev dependency: boots a kernel, so it depends on the three below)
//   @platform/core           the kernel
//   @platform/plugin-health  owner of the monitor extension point (what the monitor harness boots)
// The workspace's package.json files point at .ts sources; each tarball gets a publish manifest instead
// (exports to .js/.d.ts, files, engines, workspace:* replaced by the version).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const build = join(root, 'dist/build');
const stage = join(root, 'dist/stage');
const out = join(root, 'dist/packages');
const NODE_ENGINE = '>=20.19';

/** What goes into each published package, beyond its compiled `src/`. */
const PACKAGES = [
  {
    dir: 'sdk',
    entries: { '.': 'src/index', './monitors': 'src/entries/monitors', './alert-channels': 'src/entries/alert-channels', './metrics': 'src/entries/metrics', './feature-flags': 'src/entries/feature-flags', './entitlements': 'src/entries/entitlements', './alerts': 'src/entries/alerts', './incidents': 'src/entries/incidents', './maintenance': 'src/entries/maintenance', './messaging': 'src/entries/messaging', './smtp': 'src/entries/smtp', './billing': 'src/entries/billing', './payments': 'src/entries/payments', './money': 'src/entries/money', './data-protection': 'src/entries/data-protection', './storage': 'src/entries/storage', './integrations': 'src/entries/integrations', './accounts': 'src/entries/accounts', './onboarding': 'src/entries/onboarding', './customer-health': 'src/entries/customer-health', './bounded-map': 'src/bounded-map' },
    // Shared with the kernel at run time: the host's copy must be the one both use.
    peers: { '@mikro-orm/core': '^6.6.0', fastify: '^5.0.0' },
    optionalPeers: ['fastify'],
  },
  { dir: 'core', entries: { '.': 'src/index', './testing': 'src/testing/index' }, copy: [['migrations', 'migrations']] },
  { dir: 'plugins/health', entries: { '.': 'src/index' }, copy: [['plugins/health/migrations', 'migrations']] },
  { dir: 'testing', entries: { '.': 'src/index', './monitor-failure-modes': 'src/monitor-failure-modes', './tls-fixture': 'src/tls-fixture', './email-provider-contract': 'src/email-provider-contract', './sms-provider-contract': 'src/sms-provider-contract', './payment-provider-contract': 'src/payment-provider-contract' } },
];

const versions = Object.fromEntries(PACKAGES.map((p) => {
  const pkg = JSON.parse(readFileSync(join(root, p.dir, 'package.json'), 'utf8'));
  return [pkg.name, pkg.version];
}));

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}

/** Published dependencies: workspace:* becomes the sibling's version range; the SDK's peers move to peerDependencies. */
function publishDependencies(deps = {}, peers = {}) {
  const outDeps = {};
  for (const [name, spec] of Object.entries(deps)) {
    if (name in peers) continue;
    if (String(spec).startsWith('workspace:')) {
      if (!versions[name]) throw new Error(`${name} is not one of the packed packages`);
      outDeps[name] = `^${versions[name]}`;
    } else outDeps[name] = spec;
  }
  return outDeps;
}

function compile() {
  rmSync(build, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.pack.json')], { cwd: root, stdio: 'inherit' });
  // Declarations keep the sources' `./x.ts` specifiers: point them at the emitted files.
  for (const file of walk(build)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(/(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2');
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

function stagePackage(p) {
  const source = JSON.parse(readFileSync(join(root, p.dir, 'package.json'), 'utf8'));
  const dest = join(stage, p.dir.replaceAll('/', '-'));
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(join(build, p.dir, 'src'), join(dest, 'src'), { recursive: true });
  for (const [from, to] of p.copy ?? []) cpSync(join(root, from), join(dest, to), { recursive: true });
  if (existsSync(join(root, p.dir, 'README.md'))) cpSync(join(root, p.dir, 'README.md'), join(dest, 'README.md'));
  const peers = { ...(source.peerDependencies ?? {}), ...(p.peers ?? {}) };
  const manifest = {
    name: source.name,
    version: source.version,
    description: source.description,
    license: 'MIT',
    type: 'module',
    engines: { node: NODE_ENGINE },
    exports: Object.fromEntries(Object.entries(p.entries).map(([key, base]) => [key, { types: `./${base}.d.ts`, default: `./${base}.js` }])),
    types: `./${p.entries['.']}.d.ts`,
    files: ['src', ...(p.copy ?? []).map(([, to]) => to), 'README.md'],
    dependencies: publishDependencies(source.dependencies, p.peers ?? {}),
    ...(Object.keys(peers).length ? { peerDependencies: peers } : {}),
    ...(p.optionalPeers || source.peerDependenciesMeta
      ? { peerDependenciesMeta: { ...(source.peerDependenciesMeta ?? {}), ...Object.fromEntries((p.optionalPeers ?? []).map((n) => [n, { optional: true }])) } }
      : {}),
  };
  // The SDK's admin entry (React) is not published yet: its peers go with it.
  if (p.dir === 'sdk') {
    for (const name of ['react', 'react-admin', 'ra-core', '@tanstack/react-query']) {
      delete manifest.peerDependencies[name];
      delete manifest.peerDependenciesMeta[name];
    }
  }
  writeFileSync(join(dest, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  return dest;
}

compile();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const p of PACKAGES) {
  const dest = stagePackage(p);
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dest, encoding: 'utf8' }).trim().split('\n').at(-1);
  console.log(`dist/packages/${file}`);
}
