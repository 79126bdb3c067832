import { Script } from 'node:vm';
import type { ErrorDetail } from 'src/common/errors/app-exception.js';
import type { ApiParamDefinition, ApiValidatorDefinition, ParamType } from 'src/apis/api-snapshot.js';
import { wrapUserSource } from 'src/engines/script/sandbox/bootstrap.js';

export const PARAM_LOCATIONS = ['query', 'body', 'path', 'header'] as const;
export const PARAM_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'uuid', 'array', 'object'] as const;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[A-Za-z0-9-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Does a (JSON) value fit a parameter type? Used for `default`, `example` and `enum` entries. */
export function valueMatchesType(value: unknown, type: ParamType, items?: ParamType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'array':
      return Array.isArray(value) && (!items || value.every((v) => valueMatchesType(v, items)));
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function constraintErrors(p: ApiParamDefinition, value: unknown): string | null {
  if (typeof value === 'number') {
    if (p.minimum !== undefined && value < p.minimum) return `is below minimum ${p.minimum}`;
    if (p.maximum !== undefined && value > p.maximum) return `is above maximum ${p.maximum}`;
  }
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (length !== undefined) {
    if (p.minLength !== undefined && length < p.minLength) return `is shorter than minLength ${p.minLength}`;
    if (p.maxLength !== undefined && length > p.maxLength) return `is longer than maxLength ${p.maxLength}`;
  }
  if (p.enum && !p.enum.some((e) => e === value)) return 'is not one of enum';
  if (p.pattern && typeof value === 'string' && !new RegExp(p.pattern, 'u').test(value)) return 'does not match pattern';
  return null;
}

/**
 * Checks parameter definitions against each other and the path: names unique identifiers (header names may
 * contain `-`), `path` location exactly for the `{name}` segments of the path, constraints that fit the type,
 * `default`/`example`/`enum` of the declared type, a pattern that compiles. Returns one detail per problem.
 */
export function checkParamDefinitions(params: ApiParamDefinition[], pathParams: string[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  params.forEach((p, i) => {
    const at = (field: string, message: string) => errors.push({ field: `params[${i}]${field ? `.${field}` : ''}`, message });
    const nameOk = p.location === 'header' ? HEADER_NAME.test(p.name) : IDENTIFIER.test(p.name);
    if (!nameOk) at('name', p.location === 'header' ? 'header parameter names use letters, digits and -' : 'name must be an identifier (letters, digits, _; not starting with a digit)');
    if (seen.has(p.name)) at('name', `parameter "${p.name}" is declared twice`);
    seen.add(p.name);
    if (p.location === 'path' && !pathParams.includes(p.name)) at('location', `"${p.name}" is not a {${p.name}} segment of the path`);
    if (p.location !== 'path' && pathParams.includes(p.name)) at('location', `"${p.name}" is a path segment; its location must be path`);
    if (p.location === 'path' && (p.type === 'array' || p.type === 'object')) at('type', 'a path parameter cannot be an array or object');
    if (p.items !== undefined && p.type !== 'array') at('items', 'items is only allowed for type array');
    const numeric = p.type === 'integer' || p.type === 'number';
    if ((p.minimum !== undefined || p.maximum !== undefined) && !numeric) at('minimum', 'minimum/maximum apply to integer and number only');
    if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) at('minimum', 'minimum is greater than maximum');
    if ((p.minLength !== undefined || p.maxLength !== undefined) && p.type !== 'string' && p.type !== 'array') at('minLength', 'minLength/maxLength apply to string and array only');
    if (p.minLength !== undefined && p.maxLength !== undefined && p.minLength > p.maxLength) at('minLength', 'minLength is greater than maxLength');
    if (p.pattern !== undefined) {
      if (p.type !== 'string') at('pattern', 'pattern applies to type string only');
      try {
        new RegExp(p.pattern, 'u');
      } catch (err) {
        at('pattern', `pattern does not compile: ${(err as Error).message}`);
      }
    }
    if (p.enum !== undefined) {
      if (!['string', 'integer', 'number'].includes(p.type)) at('enum', 'enum applies to string, integer and number only');
      else if (!p.enum.length) at('enum', 'enum cannot be empty');
      else if (p.enum.some((e) => !valueMatchesType(e, p.type))) at('enum', `every enum value must be of type ${p.type}`);
    }
    for (const key of ['default', 'example'] as const) {
      if (p[key] === undefined || p[key] === null) continue;
      if (!valueMatchesType(p[key], p.type, p.items)) at(key, `${key} must be of type ${p.type}${p.items ? ` of ${p.items}` : ''}`);
      else if (key === 'default') {
        let problem: string | null = null;
        try {
          problem = constraintErrors(p, p[key]);
        } catch {
          /* pattern already reported */
        }
        if (problem) at(key, `default ${problem}`);
      }
    }
  });
  for (const name of pathParams) {
    if (!params.some((p) => p.name === name && p.location === 'path')) errors.push({ field: 'params', message: `path segment {${name}} has no parameter definition with location path` });
  }
  return errors;
}

export function checkValidators(validators: ApiValidatorDefinition[], params: ApiParamDefinition[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  validators.forEach((v, i) => {
    if (v.param !== null && !params.some((p) => p.name === v.param)) errors.push({ field: `validators[${i}].param`, message: `"${v.param}" is not a declared parameter` });
    const problem = scriptSyntaxError('validate', v.code);
    if (problem) errors.push({ field: `validators[${i}].code`, ...problem });
  });
  return errors;
}

/**
 * Compiles user JS the way the sandbox wraps it, without running it (node:vm compiles only), and returns
 * the first syntax error with its line/column in the user's code, or null.
 */
export function scriptSyntaxError(kind: 'script' | 'validate' | 'transform', code: string): { message: string; line?: number; column?: number } | null {
  const wrapped = wrapUserSource(kind, code, []);
  try {
    new Script(wrapped.source, { filename: 'qg-check.js' });
    return null;
  } catch (err) {
    // A SyntaxError's stack starts "file:line", the source line, then a caret line under the error.
    const stack = String((err as Error).stack ?? '').split('\n');
    const m = /qg-check\.js:(\d+)/.exec(stack[0] ?? '');
    const line = m ? Number(m[1]) - wrapped.userStart + 1 : 0;
    const caret = stack[2]?.indexOf('^') ?? -1;
    if (line < 1) return { message: (err as Error).message };
    return { message: `${(err as Error).message} (line ${line})`, line, ...(caret >= 0 ? { column: caret + 1 } : {}) };
  }
}
