import { FormatRegistry } from '@sinclair/typebox';
import { isE164PhoneNumber } from './phone-number.ts';

/**
 * The string formats a plugin's config schema may use (`Type.String({ format: 'email' })`), for TypeBox's
 * `Value` checks of settings and provider configurations. The HTTP layer validates request bodies with its
 * own validator; these are the same formats for values checked outside a request.
 */
const FORMATS: Record<string, (value: string) => boolean> = {
  email: (v) => /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/.test(v) && v.length <= 254,
  uri: (v) => {
    try {
      return new URL(v).protocol.length > 1;
    } catch {
      return false;
    }
  },
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  /** E.164 and valid for its country (see `isE164PhoneNumber`). */
  'e164-phone': isE164PhoneNumber,
};

for (const [name, check] of Object.entries(FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
