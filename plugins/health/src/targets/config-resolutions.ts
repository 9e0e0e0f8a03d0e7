import { resolveMonitorConfig, type MonitorConfigResolution } from '@platform/sdk/monitors';
import { type TObject } from '@platform/sdk';

/**
 * Validated monitor configurations per target, remembered with the settings they came from: a refresh
 * validates only targets whose settings changed, and an unchanged target keeps the very same config
 * object (so what was derived from it, such as a cached OAuth token, stays valid).
 */
export class ConfigResolutions {
  private readonly byTarget = new Map<string, { schema: TObject; raw: string; resolution: MonitorConfigResolution<unknown> }>();

  resolve(targetKey: string, schema: TObject, values: Record<string, unknown>): MonitorConfigResolution<unknown> {
    const raw = JSON.stringify(values);
    const hit = this.byTarget.get(targetKey);
    if (hit && hit.schema === schema && hit.raw === raw) return hit.resolution;
    const resolution = resolveMonitorConfig(schema, values);
    this.byTarget.set(targetKey, { schema, raw, resolution });
    return resolution;
  }

  /** Drops targets that no longer exist. */
  forget(keep: ReadonlySet<string>): void {
    for (const key of this.byTarget.keys()) if (!keep.has(key)) this.byTarget.delete(key);
  }
}
