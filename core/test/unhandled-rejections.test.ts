import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/unhandled-rejection-process.ts', import.meta.url));

describe('the last-resort unhandledRejection handler', () => {
  it('keeps the process running, logs each rejection with its stack and counts it by type', () => {
    // A process of its own: Node's default for an unhandled rejection is to end the process.
    const run = spawnSync(process.execPath, ['--import', 'tsx', FIXTURE], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(report.alive).toBe(true);
    expect(report.counted).toEqual([
      { name: 'process_unhandled_rejections_total', dimensions: { type: 'database_unavailable' } },
      { name: 'process_unhandled_rejections_total', dimensions: { type: 'other' } },
    ]);
    expect(report.lines).toHaveLength(2);
    for (const line of report.lines) {
      expect(line).toMatchObject({ level: 'error', action: 'process.unhandled_rejection' });
      expect(line.stack).toContain('unhandled-rejection-process.ts');
    }
    expect(report.lines[1].message).toContain('a forgotten await');
  });
});
