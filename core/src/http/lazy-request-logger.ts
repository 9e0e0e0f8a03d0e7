import type { FastifyBaseLogger } from 'fastify';

type Bindings = Record<string, unknown>;
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
/** What Fastify's pino logger offers beyond FastifyBaseLogger's declared surface. */
type PinoLike = FastifyBaseLogger & { isLevelEnabled(level: string): boolean; bindings(): Bindings };

/**
 * A request's logger that becomes a real pino child (with the request id bound) only when something is
 * logged at an enabled level. Creating a child serialises its bindings, which is a measurable share of
 * a fast request that logs nothing.
 */
class LazyRequestLogger {
  private real: PinoLike | null = null;
  constructor(private readonly parent: PinoLike, private readonly bindingsOf: Bindings, private readonly opts: object) {}

  private materialise(): PinoLike {
    return (this.real ??= this.parent.child(this.bindingsOf, this.opts) as PinoLike);
  }
  private log(level: Level, args: unknown[]): void {
    if (this.real || this.parent.isLevelEnabled(level)) (this.materialise()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.real?.level ?? this.parent.level;
  }
  set level(value: string) {
    this.materialise().level = value;
  }
  isLevelEnabled(level: string): boolean {
    return (this.real ?? this.parent).isLevelEnabled(level);
  }
  bindings(): Bindings {
    return this.real ? this.real.bindings() : { ...this.parent.bindings(), ...this.bindingsOf };
  }
  fatal(...args: unknown[]) { this.log('fatal', args); }
  error(...args: unknown[]) { this.log('error', args); }
  warn(...args: unknown[]) { this.log('warn', args); }
  info(...args: unknown[]) { this.log('info', args); }
  debug(...args: unknown[]) { this.log('debug', args); }
  trace(...args: unknown[]) { this.log('trace', args); }
  silent() {}
  child(bindings: Bindings, opts?: object): FastifyBaseLogger {
    return this.materialise().child(bindings, opts);
  }
}

/** Fastify's `childLoggerFactory`: request loggers are made lazily (see LazyRequestLogger). */
export function lazyRequestLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, opts: object): FastifyBaseLogger {
  return new LazyRequestLogger(logger as PinoLike, bindings, opts) as unknown as FastifyBaseLogger;
}
