import type { LogPipelineStats } from '@platform/sdk';

export interface LoggingMetricsReport {
  instance: string;
  counters: Record<string, number | string | null>;
  pipeline: LogPipelineStats;
  groupRates: { fingerprint: string; errorType: string; status: string; lastFiveMinutes: number; perMinute: number }[];
  openGroups: Record<string, number>;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The report in the Prometheus text format. Pure. */
export function prometheusText(r: LoggingMetricsReport): string {
  const out: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const l = Object.entries({ instance: r.instance, ...labels }).map(([k, v]) => `${k}="${label(v)}"`).join(',');
      out.push(`${name}{${l}} ${value}`);
    }
  };
  const c = (k: string) => Number(r.counters[k] ?? 0);
  metric('platform_logging_lines_stored_total', 'counter', 'Log lines stored in PostgreSQL by this instance', [[{}, c('linesStored')]]);
  metric('platform_logging_lines_dropped_total', 'counter', 'Log lines dropped on buffer overflow, by level', Object.entries(r.pipeline.dropped).map(([level, n]) => [{ level }, n]));
  metric('platform_logging_lines_failed_total', 'counter', 'Log lines a sink failed to write, by sink', Object.entries(r.pipeline.failed).map(([sink, n]) => [{ sink }, n]));
  metric('platform_logging_lines_rejected_total', 'counter', 'Log lines PostgreSQL refused', [[{}, c('linesRejected')]]);
  metric('platform_logging_buffered_lines', 'gauge', 'Log lines waiting in the buffer', [[{}, r.pipeline.buffered]]);
  metric('platform_logging_error_groups_created_total', 'counter', 'New error groups seen by this instance', [[{}, c('errorGroupsCreated')]]);
  metric('platform_logging_error_group_regressions_total', 'counter', 'Resolved error groups that occurred again', [[{}, c('errorGroupRegressions')]]);
  metric('platform_logging_error_groups', 'gauge', 'Error groups by status (cluster-wide)', Object.entries(r.openGroups).map(([status, n]) => [{ status }, n]));
  metric('platform_logging_error_group_lines_5m', 'gauge', 'Error lines per group in the last 5 minutes (cluster-wide)', r.groupRates.map((g) => [{ fingerprint: g.fingerprint, type: g.errorType, status: g.status }, g.lastFiveMinutes]));
  return out.join('\n') + '\n';
}
