#!/usr/bin/env node
/**
 * platform CLI:
 *   start                       migrate, seed and serve the API and console
 *   migrate                     apply pending kernel and plugin migrations, then exit
 *   migration:create <plugin> [name]
 *                               write the SQL that brings <plugin>'s tables in line with its entities
 */
import { randomUUID } from 'node:crypto';
import { logTimestamp, type LogEntry } from '@platform/sdk';
import { createKernel, migrationSources, type Kernel } from './kernel.ts';
import { loadConfig } from './config.ts';
import { orderPlugins } from './plugins/loader.ts';
import { importPlugins, readPluginList } from './plugins/plugin-list.ts';
import { KERNEL_VERSION } from './version.ts';
import { initOrm } from './db/orm.ts';
import { applyMigrations } from './db/migrations.ts';
import { kernelEntities } from './entities/kernel-entities.ts';
import { createPluginMigration } from './db/migration-generator.ts';
import { KernelError } from './errors.ts';
import { installUnhandledRejectionHandler } from './process/unhandled-rejections.ts';

async function start(): Promise<void> {
  const kernel = await createKernel();
  // From here on no rejection ends the process: a database restart must not take every instance down.
  installUnhandledRejectionHandler({ logger: kernel.logger, metrics: kernel.metrics });
  const url = await kernel.listen();
  const shown = url.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `  Platform ${kernel.version} is running on ${kernel.embedded ? 'the embedded PostgreSQL (./data)' : 'PostgreSQL'}`,
    `  Console:  ${shown}/`,
    `  API docs: ${shown}/docs`,
  ];
  if (kernel.seededAdmin) {
    lines.push(`  Super admin: ${kernel.seededAdmin.email}`);
    lines.push(kernel.seededAdmin.generatedPassword ? `  Password:    ${kernel.seededAdmin.generatedPassword}   (shown once; set ADMIN_PASSWORD to choose it)` : '  Password:    the ADMIN_PASSWORD you set');
  } else {
    lines.push('  Sign in with the super admin created on the first start.');
  }
  if (kernel.config.logFormat === 'json') printStartedAsJson(kernel, shown);
  else console.log(lines.join('\n') + '\n');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    kernel.logger.info({ action: 'kernel.stopping', signal }, `${signal}: draining requests and shutting down...`);
    await kernel.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * With LOG_FORMAT=json every stdout line is one log entry, the start banner too. It is written here, not
 * through the log pipeline, so a generated password reaches the operator's terminal once and no log store.
 */
function printStartedAsJson(kernel: Kernel, url: string): void {
  const admin = kernel.seededAdmin;
  const entry: LogEntry = {
    id: randomUUID(),
    timestamp: logTimestamp(),
    level: 'info',
    tenantId: null,
    tenantSlug: null,
    userId: null,
    requestId: null,
    service: 'kernel',
    action: 'kernel.started',
    message: [
      `Platform ${kernel.version} is running on ${kernel.embedded ? 'the embedded PostgreSQL (./data)' : 'PostgreSQL'}. Console: ${url}/ API docs: ${url}/docs`,
      admin ? `Super admin: ${admin.email}` : '',
      admin?.generatedPassword ? `Password: ${admin.generatedPassword} (shown once; set ADMIN_PASSWORD to choose it)` : '',
    ].filter(Boolean).join(' '),
    data: {
      version: kernel.version,
      embedded: kernel.embedded,
      consoleUrl: `${url}/`,
      docsUrl: `${url}/docs`,
      ...(admin ? { adminEmail: admin.email, ...(admin.generatedPassword ? { generatedAdminPassword: admin.generatedPassword } : {}) } : {}),
    },
    error: null,
  };
  process.stdout.write(JSON.stringify(entry) + '\n');
}

async function migrate(): Promise<void> {
  const config = loadConfig();
  const plugins = orderPlugins(await importPlugins(readPluginList()), KERNEL_VERSION);
  const handle = await initOrm({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: [...kernelEntities, ...plugins.flatMap((p) => p.entities ?? [])] });
  try {
    const applied = await applyMigrations(handle.orm.em.fork(), migrationSources(plugins));
    console.log(applied.length ? applied.map((m) => `applied ${m.owner}/${m.name}`).join('\n') : 'Nothing to apply: the database is up to date.');
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'start' || cmd === undefined) return start();
  if (cmd === 'migrate') return migrate();
  if (cmd === 'migration:create') {
    if (!args[0]) throw new Error('usage: migration:create <plugin> [name]');
    const file = await createPluginMigration(args[0], args[1] ?? 'change');
    console.log(file ? `wrote ${file}` : `plugin "${args[0]}" is in sync with its entities: no migration needed`);
    return;
  }
  throw new Error(`unknown command "${cmd}" (start | migrate | migration:create <plugin> [name])`);
}

main().catch((err) => {
  console.error(err instanceof KernelError ? `Refusing to start: ${err.message}` : err);
  process.exit(1);
});
