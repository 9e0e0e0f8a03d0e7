export { createKernel, migrationSources, type Kernel, type CreateKernelOptions } from './kernel.ts';
export { loadConfig, type KernelConfig } from './config.ts';
export { KernelError } from './errors.ts';
export { KERNEL_VERSION } from './version.ts';
export { orderPlugins, validateManifest } from './plugins/loader.ts';
export { resolveNav } from './nav/nav-registry.ts';
export { SecretBox } from './secrets/secret-box.ts';
export { hashToken } from './auth/tokens.ts';
export { runSql } from './db/orm.ts';
