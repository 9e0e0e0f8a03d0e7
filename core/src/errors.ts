/** A kernel start-up refusal with a stable code, e.g. `plugin_dependency_missing`. */
export class KernelError extends Error {
  readonly code: string;
  /** The plugin the refusal is about, when there is one (its manifest name, else its package name). */
  readonly plugin?: string;
  constructor(code: string, message: string, plugin?: string) {
    super(`[${code}] ${message}`);
    this.name = 'KernelError';
    this.code = code;
    if (plugin !== undefined) this.plugin = plugin;
  }
}
