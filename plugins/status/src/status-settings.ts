import { Type, type Static } from '@platform/sdk';

/** Editable with `PUT /api/plugins/status/settings`. */
export const StatusSettings = Type.Object({
  pageTitle: Type.String({ default: 'System status', maxLength: 120 }),
  /** Monitor ids not shown publicly. */
  hiddenComponents: Type.Array(Type.String(), { default: [] }),
  /** Public names by monitor id, e.g. `{ "postgres": "Database" }`. */
  componentNames: Type.Record(Type.String(), Type.String({ maxLength: 80 }), { default: {} }),
});

export type StatusSettingsValues = Static<typeof StatusSettings>;
