/**
 * A small JSON Schema (2020-12) validator for tests: exactly the keywords the zod-generated
 * scenario schema uses. An unknown keyword is an error rather than ignored, so the test cannot
 * pass by skipping a constraint it does not understand.
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment', 'readOnly', 'writeOnly', 'deprecated']);
const HANDLED = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
  '$defs',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return expected === actual || (expected === 'number' && actual === 'integer');
}

const FORMATS: Record<string, (text: string) => boolean> = {
  'date-time': (text) => !Number.isNaN(Date.parse(text)),
  uri: (text) => URL.canParse(text),
  email: (text) => /^[^@\s]+@[^@\s]+$/.test(text),
};

/** Every violation, as `path: problem`; empty when the value is valid. */
export function validateJsonSchema(schema: Schema, value: unknown, root: Schema = schema, path = '(root)'): string[] {
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${path}: ${problem}`);
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !HANDLED.has(keyword)) throw new Error(`jsonSchemaLite: unsupported keyword "${keyword}" at ${path}`);
  }

  if (typeof schema.$ref === 'string') {
    const match = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
    const target = match ? (root.$defs as Record<string, Schema> | undefined)?.[match[1]] : undefined;
    if (!target) throw new Error(`jsonSchemaLite: cannot resolve $ref ${schema.$ref}`);
    errors.push(...validateJsonSchema(target, value, root, path));
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => typeMatches(type, value))) {
      fail(`expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => option === value)) fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.format === 'string') {
      const check = FORMATS[schema.format];
      if (!check) throw new Error(`jsonSchemaLite: unsupported format "${schema.format}"`);
      if (!check(value)) fail(`not a valid ${schema.format}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail(`not above ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) fail(`not below ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === 'object') {
      value.forEach((item, index) => errors.push(...validateJsonSchema(schema.items as Schema, item, root, `${path}.${index}`)));
    }
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in object)) fail(`missing required property "${name}"`);
    for (const [name, item] of Object.entries(object)) {
      const at = path === '(root)' ? name : `${path}.${name}`;
      if (schema.propertyNames) errors.push(...validateJsonSchema(schema.propertyNames as Schema, name, root, `${at} (name)`));
      if (name in properties) errors.push(...validateJsonSchema(properties[name], item, root, at));
      else if (schema.additionalProperties === false) fail(`unexpected property "${name}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...validateJsonSchema(schema.additionalProperties as Schema, item, root, at));
      }
    }
  }
  for (const sub of (schema.allOf ?? []) as Schema[]) errors.push(...validateJsonSchema(sub, value, root, path));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((sub) => validateJsonSchema(sub as Schema, value, root, path).length === 0)) fail('matches none of anyOf');
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((sub) => validateJsonSchema(sub as Schema, value, root, path).length === 0).length;
    if (matching !== 1) fail(`matches ${matching} of oneOf (expected exactly 1)`);
  }
  return errors;
}
