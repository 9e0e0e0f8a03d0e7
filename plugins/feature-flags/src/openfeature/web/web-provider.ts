import { OpenFeatureEventEmitter, ProviderEvents, type EvaluationContext, type JsonValue, type Provider, type ResolutionDetails } from '@openfeature/web-sdk';
import type { FlagEvaluation } from '@platform/sdk/feature-flags';
import { failedEvaluation, resolutionOf, type FlagKind } from '../resolution-details.ts';
import { changedFlagKeys } from './changed-flag-keys.ts';
import { FlagStreamConnection, type FlagStreamPayload } from './flag-stream-connection.ts';
import { streamUrlOf } from './stream-url.ts';

export interface WebFlagProviderOptions {
  /** Where the platform is served; default `''`: the page's own origin (the console, an app behind the same host). */
  baseUrl?: string;
  /** An API key with `flags.evaluate`, sent as a bearer token; in the console the session cookie suffices. */
  apiKey?: string;
  /** Extra request headers, e.g. `X-Tenant-Id` for platform staff. */
  headers?: Record<string, string>;
  /** Whether cookies go along (`fetch`'s `credentials`); default `same-origin`, `include` for another origin. */
  credentials?: RequestCredentials;
  /** Only these flags; default every live flag. */
  flags?: readonly string[];
  /** How long `initialize` waits for the first flag set before the provider reports an error (it keeps trying). Default 10 s. */
  readyTimeoutMs?: number;
  /** Longest wait between reconnection attempts. Default 30 s. */
  maxRetryMs?: number;
  fetch?: typeof fetch;
}

/** The first flag set of one connection (an `initialize` or a context change) still awaited. */
interface PendingLoad {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * OpenFeature web provider fed by the platform's flag stream (`GET /api/feature-flags/stream`): it loads
 * the caller's evaluated flag set when initialized (the stream's first event), keeps it current from the
 * stream and emits `ConfigurationChanged` with the keys that changed. Resolution is synchronous, from
 * that set; targeting rules never reach the browser, only the caller's evaluations.
 *
 * ```ts
 * import { OpenFeature } from '@openfeature/web-sdk';
 * import { PlatformWebFlagProvider } from '@platform/plugin-feature-flags/openfeature/web';
 * await OpenFeature.setProviderAndWait(new PlatformWebFlagProvider({ baseUrl: 'https://platform.example.com', apiKey }));
 * const client = OpenFeature.getClient();
 * client.getBooleanValue('checkout.new_flow', false);
 * client.addHandler(ProviderEvents.ConfigurationChanged, ({ flagsChanged }) => rerender(flagsChanged));
 * ```
 * With `@openfeature/react-sdk`, wrap the app in `<OpenFeatureProvider>` and read flags with its `useFlag`.
 */
export class PlatformWebFlagProvider implements Provider {
  readonly metadata = { name: 'platform-feature-flags-web' } as const;
  readonly runsOn = 'client' as const;
  readonly events = new OpenFeatureEventEmitter();

  private flags: Record<string, FlagEvaluation> = {};
  private flagsVersion = 0;
  private connection: FlagStreamConnection | null = null;
  private streamUrl: string | null = null;
  private pending: PendingLoad | null = null;
  /** After a dropped or refused stream: the next flag set announces the provider ready again. */
  private degraded = false;

  constructor(private readonly options: WebFlagProviderOptions = {}) {}

  /** The configuration version of the flag set held (the stream's `id`). */
  get version(): number {
    return this.flagsVersion;
  }

  initialize(context?: EvaluationContext): Promise<void> {
    return this.connect(context);
  }

  onContextChange(_previous: EvaluationContext, next: EvaluationContext): Promise<void> | void {
    if (this.streamUrl === this.urlFor(next)) return;
    return this.connect(next);
  }

  async onClose(): Promise<void> {
    this.connection?.close();
    this.connection = null;
    this.streamUrl = null;
    this.pending?.reject(new Error('provider closed'));
    this.pending = null;
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.resolve(flagKey, defaultValue, 'boolean');
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.resolve(flagKey, defaultValue, 'string');
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolve(flagKey, defaultValue, 'number');
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.resolve(flagKey, defaultValue, 'object');
  }

  private resolve<T>(flagKey: string, defaultValue: T, kind: FlagKind): ResolutionDetails<T> {
    const evaluation = this.flags[flagKey] ?? failedEvaluation(flagKey, 'FLAG_NOT_FOUND', `No flag "${flagKey}" in the flag set`);
    return resolutionOf(evaluation, defaultValue, kind);
  }

  private urlFor(context: EvaluationContext | undefined): string {
    return streamUrlOf(this.options.baseUrl ?? '', context, this.options.flags);
  }

  /** (Re)subscribes for a context; resolves with the first flag set, rejects on a refusal or after `readyTimeoutMs`. */
  private connect(context: EvaluationContext | undefined): Promise<void> {
    this.connection?.close();
    this.pending?.reject(new Error('superseded by a newer context'));
    const url = this.urlFor(context);
    this.streamUrl = url;
    const headers: Record<string, string> = { ...this.options.headers };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;

    const loaded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`no flag set from the stream within ${this.options.readyTimeoutMs ?? 10_000} ms`)), this.options.readyTimeoutMs ?? 10_000);
      const settle = (error?: Error) => {
        if (this.pending !== load) return;
        this.pending = null;
        clearTimeout(timer);
        if (error) {
          this.degraded = true;
          reject(error);
        } else resolve();
      };
      const load: PendingLoad = { resolve: () => settle(), reject: (error) => settle(error) };
      this.pending = load;
    });

    const connection: FlagStreamConnection = new FlagStreamConnection(
      { url, headers, credentials: this.options.credentials ?? 'same-origin', fetch: this.options.fetch ?? globalThis.fetch.bind(globalThis), maxRetryMs: this.options.maxRetryMs ?? 30_000 },
      {
        onFlags: (payload) => connection === this.connection && this.receive(payload),
        onDrop: (error) => {
          if (connection !== this.connection || this.pending || this.degraded) return;
          this.degraded = true;
          this.events.emit(ProviderEvents.Stale, { message: error.message });
        },
        onRefused: (error) => {
          if (connection !== this.connection) return;
          if (this.pending) return this.pending.reject(error);
          this.degraded = true;
          this.events.emit(ProviderEvents.Error, { message: error.message });
        },
      },
    );
    this.connection = connection;
    return loaded;
  }

  private receive(payload: FlagStreamPayload): void {
    const changed = changedFlagKeys(this.flags, payload.flags);
    this.flags = payload.flags;
    this.flagsVersion = payload.version;
    if (this.pending) {
      // The SDK announces READY (or CONTEXT_CHANGED) itself once initialize/onContextChange resolves.
      this.degraded = false;
      this.pending.resolve();
      return;
    }
    if (this.degraded) {
      this.degraded = false;
      this.events.emit(ProviderEvents.Ready);
    }
    if (changed.length > 0) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: changed });
  }
}
