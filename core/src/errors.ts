/** A kernel start-up refusal with a stable code, e.g. `plugin_dependency_missing`. */
export class KernelError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`[${code}] ${message}`);
    this.name = 'KernelError';
    this.code = code;
  }
}
