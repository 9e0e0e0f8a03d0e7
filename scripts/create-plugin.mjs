#!/usr/bin/env node
// `npx -y pnpm@10 create-plugin <kind> <name> [--dir DIR] [--standalone]`: scaffolds a plugin (manifest, config
// schema, one passing test, README).
//   in the workspace (default): plugins/<plugin>/, package @platform/plugin-<plugin>, taking the SDK from the workspace;
//   --standalone: its own npm package in DIR (default ./<plugin>), taking the SDK and the test kit from the
//   `sdk:pack` tarballs, copied into DIR/vendor/ so that it needs no checkout of this repository.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { alertChannelTemplate } from './plugin-templates/alert-channel.mjs';
import { genericTemplate } from './plugin-templates/generic.mjs';
import { monitorTemplate } from './plugin-templates/monitor.mjs';
import { smsProviderTemplate } from './plugin-templates/sms-provider.mjs';
import { emailProviderTemplate } from './plugin-templates/email-provider.mjs';
import { paymentProviderTemplate } from './plugin-templates/payment-provider.mjs';

const root = resolve(import.meta.dirname, '..');
/** Where the user ran `pnpm create-plugin` (pnpm runs scripts in the workspace root and passes this along). */
const cwd = process.env.INIT_CWD ?? process.cwd();
const KINDS = {
  monitor: { prefix: 'monitor-', template: monitorTemplate, what: 'Health monitor' },
  'alert-channel': { prefix: 'alert-channel-', template: alertChannelTemplate, what: 'Alert channel' },
  'sms-provider': { prefix: 'sms-', template: smsProviderTemplate, what: 'SMS provider' },
  'email-provider': { prefix: 'email-', template: emailProviderTemplate, what: 'Email provider' },
  'payment-provider': { prefix: 'payment-', template: paymentProviderTemplate, what: 'Payment provider' },
  generic: { prefix: '', template: genericTemplate, what: 'Plugin' },
};
const USAGE = `usage: create-plugin <${Object.keys(KINDS).join('|')}> <name> [--dir DIR] [--standalone]`;

function fail(message) {
  console.error(message);
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  const options = { standalone: false, dir: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--standalone') options.standalone = true;
    else if (argv[i] === '--dir') options.dir = argv[(i += 1)];
    else if (argv[i].startsWith('--dir=')) options.dir = argv[i].slice(6);
    else if (argv[i] === '--') continue;
    else if (argv[i].startsWith('-')) fail(`unknown option ${argv[i]}\n${USAGE}`);
    else positional.push(argv[i]);
  }
  return { kind: positional[0], name: positional[1], ...options };
}

const { kind, name, standalone, dir } = parseArgs(process.argv.slice(2));
if (!KINDS[kind] || !name) fail(USAGE);
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`name "${name}" must be kebab-case, e.g. acme or acme-eu`);
const { prefix, template, what } = KINDS[kind];
const id = name.startsWith(prefix) ? name.slice(prefix.length) : name;
const pluginName = `${prefix}${id}`;
const title = id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
const camel = id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const target = resolve(cwd, dir ?? (standalone ? pluginName : join(root, 'plugins', pluginName)));
if (existsSync(target) && readdirSync(target).length) fail(`${target} exists and is not empty`);

const sdkVersion = JSON.parse(readFileSync(join(root, 'sdk/package.json'), 'utf8')).version;
const kernelMikroOrm = JSON.parse(readFileSync(join(root, 'core/package.json'), 'utf8')).dependencies['@mikro-orm/core'];
const files = template({ id, title, camel, pluginName, standalone });

function vendorTarballs() {
  const packages = join(root, 'dist/packages');
  const wanted = ['sdk', 'testing', 'core', 'plugin-health'].map((p) => `platform-${p}-${sdkVersion}.tgz`);
  if (!wanted.every((f) => existsSync(join(packages, f)))) {
    console.log('No SDK tarballs yet: running sdk:pack...');
    execFileSync(process.execPath, [join(root, 'scripts/sdk-pack.mjs')], { cwd: root, stdio: 'inherit' });
  }
  mkdirSync(join(target, 'vendor'), { recursive: true });
  for (const f of wanted) copyFileSync(join(packages, f), join(target, 'vendor', f));
  const tarball = (p) => `file:vendor/platform-${p}-${sdkVersion}.tgz`;
  return { '@platform/core': tarball('core'), '@platform/plugin-health': tarball('plugin-health'), '@platform/sdk': tarball('sdk'), '@platform/testing': tarball('testing') };
}

const description = `${what}: ${title}`;
let manifest;
if (standalone) {
  const platform = vendorTarballs();
  manifest = {
    name: `platform-${pluginName}`,
    version: '0.1.0',
    description,
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist'],
    engines: { node: '>=20.19' },
    scripts: { build: 'tsc -p tsconfig.json', test: 'tsc -p tsconfig.json && vitest run', prepack: 'tsc -p tsconfig.json' },
    peerDependencies: { '@platform/sdk': `^${sdkVersion}` },
    devDependencies: { ...platform, '@types/node': '^20.19.0', typescript: '5.9.3', vitest: '3.2.4' },
    // Every copy of the platform packages comes from vendor/, never from the registry.
    // One MikroORM core, the kernel's exact version (the SDK's peer range would otherwise take the newest 6.6.x
    // beside the kernel's pinned copy: two copies of its metadata classes break entity discovery); and
    // light-my-request (Fastify's inject) below 6.8, whose cookie@2 needs Node 22: the platform runs on Node 20.
    overrides: { ...Object.fromEntries(Object.keys(platform).map((n) => [n, `$${n}`])), '@mikro-orm/core': kernelMikroOrm, 'light-my-request': '6.6.0' },
  };
  files['tsconfig.json'] = JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, declaration: true, outDir: 'dist', rootDir: 'src', skipLibCheck: true, types: ['node'] },
    include: ['src'],
  }, null, 2) + '\n';
  files['vitest.config.ts'] = "import { defineConfig } from 'vitest/config';\n\n// A kernel boot on the embedded database takes a few seconds.\nexport default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });\n";
  files['.gitignore'] = 'node_modules/\ndist/\n';
} else {
  manifest = {
    name: `@platform/plugin-${pluginName}`,
    version: '0.1.0',
    private: true,
    type: 'module',
    description,
    exports: { '.': './src/index.ts' },
    dependencies: { '@platform/sdk': 'workspace:*' },
    devDependencies: { '@platform/testing': 'workspace:*' },
  };
}
files['package.json'] = JSON.stringify(manifest, null, 2) + '\n';
files['README.md'] = `# ${manifest.name}

${description}. Plugin name \`${pluginName}\`.

${standalone
  ? `## Develop

\`\`\`sh
npm install
npm test          # typechecks, then boots a real kernel on the embedded database (PGlite): no PostgreSQL needed
\`\`\`

Set \`TEST_DATABASE_URL=postgres://...\` to run the tests on a PostgreSQL server instead.

## Install into a platform

\`\`\`sh
npm pack                                   # ${manifest.name}-${manifest.version}.tgz
npx -y pnpm@10 add ./${manifest.name}-${manifest.version}.tgz   # in the platform's folder
\`\`\`

then add \`"${manifest.name}"\` to \`plugins\` in the platform's \`platform.config.json\` and run
\`npx -y pnpm@10 plugins:check\`: it refuses a plugin whose \`kernel\` range or \`dependsOn\` does not fit.`
  : `## Develop

\`\`\`sh
npx -y pnpm@10 install                     # links the new package
npx -y pnpm@10 test plugins/${pluginName}  # its tests only (no console build)
\`\`\`

To load it in the platform, add \`"${manifest.name}": "workspace:*"\` to the root package.json and
\`"${manifest.name}"\` to \`platform.config.json\`.`}
`;

for (const [file, text] of Object.entries(files)) {
  mkdirSync(dirname(join(target, file)), { recursive: true });
  writeFileSync(join(target, file), text);
}
console.log(`Created ${kind} plugin "${pluginName}" in ${relative(cwd, target) || '.'}`);
console.log(standalone ? `Next: cd ${relative(cwd, target)} && npm install && npm test` : 'Next: npx -y pnpm@10 install, then npx -y pnpm@10 test ' + relative(root, target));
