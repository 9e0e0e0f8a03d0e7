import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const common: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

/**
 * Query strings, params and headers arrive as text, so they are coerced to the schema's types.
 * Bodies are JSON and must already have the right types: `{ "title": 42 }` is a 400, not "42".
 */
export function createValidatorCompiler(): FastifySchemaCompiler<any> {
  const coercing = addFormats.default(new Ajv.default({ ...common, coerceTypes: 'array' }));
  const strictTypes = addFormats.default(new Ajv.default({ ...common, coerceTypes: false }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? strictTypes : coercing).compile(schema as object) as any;
}
