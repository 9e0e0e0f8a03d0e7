import { LogPipeline, PlatformLogger, parseLevelName, type LogLevel } from '@platform/sdk';
import type { FastifyInstance } from 'fastify';
import { createConsoleSink, type ConsoleFormat } from './console-sink.ts';
import { createPinoBridge, pinoLevelFor } from './pino-bridge.ts';
import { DatabaseErrorFolding, type DatabaseErrorSink } from './database-error-folding.ts';

export interface KernelLoggingOptions {
  /** Level of the console sink; `silent` (or unknown) means no console output. */
  level: string;
  format: ConsoleFormat;
  /** PII paths into `data` and extra secret keys (LOG_REDACT_PATHS, LOG_REDACT_KEYS). */
  redactPaths: string[];
  redactKeys: string[];
  flushIntervalMs: number;
  capacity: number;
}

export interface KernelLogging {
  pipeline: LogPipeline;
  /** The kernel's own logger (`service: kernel`); plugins get children of it. */
  logger: PlatformLogger;
  /** pino destination for Fastify. */
  pinoStream: { write(line: string): void };
  /** pino level matching the sinks right now. */
  pinoLevel(): string;
  /** Keeps Fastify's pino level in step with the sinks (a DEBUG-capable sink lowers it). */
  follow(app: FastifyInstance): void;
  /** From now on, lines about database connection errors are reported to `sink` and written at DEBUG. */
  foldDatabaseErrors(sink: DatabaseErrorSink | null): void;
}

/** The process's log pipeline: stdout by default; the logging plugin adds storage and live tail as sinks. */
export function createKernelLogging(opts: KernelLoggingOptions): KernelLogging {
  const pipeline = new LogPipeline({ capacity: opts.capacity, flushIntervalMs: opts.flushIntervalMs, redaction: { paths: opts.redactPaths, keys: opts.redactKeys } });
  const consoleLevel: LogLevel | null = parseLevelName(opts.level);
  if (consoleLevel) pipeline.addSink(createConsoleSink({ level: consoleLevel, format: opts.format }));
  const folding = new DatabaseErrorFolding(pipeline);
  return {
    pipeline,
    logger: new PlatformLogger(folding, { service: 'kernel' }),
    pinoStream: createPinoBridge(pipeline),
    pinoLevel: () => pinoLevelFor(pipeline.lowestLevel()),
    follow(app) {
      pipeline.onLevelsChange((lowest) => {
        app.log.level = pinoLevelFor(lowest);
      });
    },
    foldDatabaseErrors(sink) {
      folding.foldInto(sink);
    },
  };
}
