import type { TObject } from '@sinclair/typebox';
import { isSecretSchema, SECRET_MASK, type SecretSealer } from '@platform/sdk';
import { SecretBox } from './secret-box.ts';

function secretKeys(schema: TObject): string[] {
  return Object.entries(schema.properties).filter(([, s]) => isSecretSchema(s)).map(([k]) => k);
}

/** `ctx.secrets`: seals the `Secret()` fields of a plugin's own stored objects (AES-256-GCM, the kernel's key). */
export class ObjectSealer implements SecretSealer {
  private readonly box: SecretBox;
  constructor(key: Buffer) {
    this.box = new SecretBox(key);
  }

  seal(schema: TObject, values: Record<string, unknown>, previous: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = { ...values };
    for (const k of secretKeys(schema)) {
      const v = values[k];
      if (v === SECRET_MASK) out[k] = previous[k];
      else if (typeof v === 'string' && v !== '' && !SecretBox.isSealed(v)) out[k] = this.box.encrypt(v);
    }
    for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
    return out;
  }

  open(schema: TObject, stored: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...stored };
    for (const k of secretKeys(schema)) if (SecretBox.isSealed(out[k])) out[k] = this.box.decrypt(out[k] as string);
    return out;
  }

  mask(schema: TObject, stored: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...stored };
    for (const k of secretKeys(schema)) out[k] = out[k] === undefined || out[k] === null || out[k] === '' ? null : SECRET_MASK;
    return out;
  }
}
