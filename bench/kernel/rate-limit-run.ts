// Only bench/kernel's rate-limit column (see rate-limit-comparison.ts), plus the check's own cost
// (rate-limit-check.ts). BENCH_SECONDS (default 5) per measurement, BENCH_ROUNDS (default 4), BENCH_RATE (optional).
import { compareRateLimit, rateLimitTable } from './rate-limit-comparison.ts';

const listPath = `/api/example/notes?range=${encodeURIComponent('[0,24]')}&sort=${encodeURIComponent('["createdAt","DESC"]')}`;
const result = await compareRateLimit({
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  rounds: Number(process.env.BENCH_ROUNDS ?? 4),
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 4),
  listPath,
  // BENCH_RATE: a fixed offered rate (req/s) instead of closed-loop load: CPU per request with less queueing noise.
  rate: process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined,
});
console.table(rateLimitTable(result));
console.log(`cached list with / without a rate-limit policy, per round: ${result.ratios.map((x) => x.toFixed(3)).join(', ')}; median ${result.ratio.toFixed(3)} (target >= 0.95) ${result.ratio >= 0.95 ? 'MET' : 'NOT MET'}`);
console.log(`server CPU per request, with minus without the policy (median of rounds): ${result.cpuDiffUs.toFixed(1)} µs`);
process.exit(0);
