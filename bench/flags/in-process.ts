// Benchmark 1: in-process evaluation of the 20-flag ruleset over 1M random contexts, our engine (through
// the plugin's evaluation service, as FlagClient calls it) against unleash-client's isEnabled/getVariant
// loaded from a local bootstrap (no network).
import { InMemStorageProvider, Unleash } from 'unleash-client';
import { flagFromUnleashFeature, type FlagDefinition } from '@platform/plugin-feature-flags';
import { FlagCache } from '../../plugins/feature-flags/src/service/flag-cache.ts';
import { EvaluationUsage } from '../../plugins/feature-flags/src/service/evaluation-usage.ts';
import { FlagEvaluationService } from '../../plugins/feature-flags/src/service/flag-evaluation-service.ts';
import { PlanLookup } from '../../plugins/feature-flags/src/service/plan-lookup.ts';
import { EMPTY_SNAPSHOT } from '../../plugins/feature-flags/src/store/flag-snapshot.ts';
import { RULESET, VARIANT_FLAGS, randomContexts, type BenchContext } from './unleash-ruleset.ts';

export interface InProcessResult {
  evaluations: number;
  ours: { meanNs: number; medianNs: number; p99Ns: number };
  unleash: { meanNs: number; medianNs: number; p99Ns: number };
  agreement: { compared: number; mismatches: number };
}

const BATCH = 1000;
const quiet = { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined };

/** The plugin's evaluation service over a snapshot holding the ruleset (no database). */
async function ourService(): Promise<FlagEvaluationService> {
  const definitions = new Map<string, FlagDefinition>();
  for (const feature of RULESET) {
    const mapped = flagFromUnleashFeature(feature);
    if (!('flag' in mapped)) throw new Error(`${feature.name}: ${mapped.unsupported}`);
    definitions.set(feature.name, mapped.flag);
  }
  const snapshot = { ...EMPTY_SNAPSHOT, version: 1, definitions, liveKeys: [...definitions.keys()].sort() };
  const cache = new FlagCache({ load: async () => snapshot, readVersion: async () => 1 }, quiet);
  await cache.refresh();
  const usage = new EvaluationUsage({ sql: async () => [] } as any, quiet);
  return new FlagEvaluationService(cache, new PlanLookup(() => null as any, quiet), usage);
}

async function unleashClient(): Promise<Unleash> {
  const unleash = new Unleash({
    url: 'http://127.0.0.1:9/api/',
    appName: 'bench-flags',
    refreshInterval: 0,
    disableMetrics: true,
    bootstrap: { data: RULESET as any },
    storageProvider: new InMemStorageProvider(),
    skipInstanceCountWarning: true,
  });
  await new Promise<void>((resolve) => {
    if (unleash.isSynchronized()) resolve();
    else unleash.once('ready', () => resolve());
  });
  return unleash;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

/** Times `evaluate` over every context in batches of BATCH; returns mean, median and p99 ns per evaluation. */
function timeEvaluations(contexts: BenchContext[], keys: string[], evaluate: (key: string, context: BenchContext) => unknown) {
  const batches = new Float64Array(Math.ceil(contexts.length / BATCH));
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches.length; b++) {
    const from = b * BATCH;
    const to = Math.min(from + BATCH, contexts.length);
    const t0 = process.hrtime.bigint();
    for (let i = from; i < to; i++) if (evaluate(keys[i % keys.length], contexts[i])) sink++;
    batches[b] = Number(process.hrtime.bigint() - t0) / (to - from);
  }
  const totalNs = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  batches.sort();
  return { meanNs: totalNs / contexts.length, medianNs: percentile(batches, 0.5), p99Ns: percentile(batches, 0.99) };
}

export async function measureInProcess(evaluations = 1_000_000): Promise<InProcessResult> {
  const contexts = randomContexts(evaluations);
  const keys = RULESET.map((feature) => feature.name);
  const service = await ourService();
  const unleash = await unleashClient();

  const ours = (key: string, context: BenchContext) => service.evaluateOneResolved(key, context).value;
  const theirs = (key: string, context: BenchContext) => (VARIANT_FLAGS.has(key) ? unleash.getVariant(key, context).name : unleash.isEnabled(key, context));

  // Same answers? (untimed): enabled state for toggles, the chosen variant for variant flags.
  let mismatches = 0;
  const compared = Math.min(100_000, contexts.length);
  for (let i = 0; i < compared; i++) {
    const key = keys[i % keys.length];
    const result = service.evaluateOneResolved(key, contexts[i]);
    const unleashAnswer = theirs(key, contexts[i]);
    const ourAnswer = VARIANT_FLAGS.has(key) ? result.variant ?? 'disabled' : result.value;
    if (ourAnswer !== unleashAnswer) mismatches++;
  }

  // Warm both up, then measure each twice, alternating, keeping the better run of each.
  const warm = contexts.slice(0, 100_000);
  timeEvaluations(warm, keys, ours);
  timeEvaluations(warm, keys, theirs);
  const runs = [timeEvaluations(contexts, keys, ours), timeEvaluations(contexts, keys, theirs), timeEvaluations(contexts, keys, ours), timeEvaluations(contexts, keys, theirs)];
  unleash.destroy();
  const best = (a: InProcessResult['ours'], b: InProcessResult['ours']) => (a.meanNs <= b.meanNs ? a : b);
  return { evaluations, ours: best(runs[0], runs[2]), unleash: best(runs[1], runs[3]), agreement: { compared, mismatches } };
}
