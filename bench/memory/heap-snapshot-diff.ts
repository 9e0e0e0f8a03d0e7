import { readFileSync } from 'node:fs';

export interface ConstructorGrowth {
  name: string;
  countDelta: number;
  sizeDelta: number;
}

/** Objects and self sizes per constructor name (`type:name`) of a `.heapsnapshot` file. */
function tally(file: string): Map<string, { count: number; size: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out = new Map<string, { count: number; size: number }>();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + typeAt]];
    // Strings and numbers are named by their content: one bucket each.
    const name = type === 'object' || type === 'closure' || type === 'native' ? `${type}:${strings[nodes[i + nameAt]]}` : type;
    const t = out.get(name) ?? { count: 0, size: 0 };
    t.count++;
    t.size += nodes[i + sizeAt];
    out.set(name, t);
  }
  return out;
}

/** What grew between two heap snapshots, by constructor, largest retained-size growth first. */
export function diffHeapSnapshots(before: string, after: string): ConstructorGrowth[] {
  const a = tally(before);
  const b = tally(after);
  const rows: ConstructorGrowth[] = [];
  for (const [name, t] of b) {
    const prev = a.get(name) ?? { count: 0, size: 0 };
    rows.push({ name, countDelta: t.count - prev.count, sizeDelta: t.size - prev.size });
  }
  return rows.sort((x, y) => y.sizeDelta - x.sizeDelta);
}
