import { describe, expect, it } from 'vitest';
import { checkParamDefinitions, scriptSyntaxError, valueMatchesType } from 'src/apis/api-definition.js';
import type { ApiParamDefinition } from 'src/apis/api-snapshot.js';

const p = (extra: Partial<ApiParamDefinition>): ApiParamDefinition => ({ name: 'x', location: 'query', type: 'string', required: false, ...extra });

describe('checkParamDefinitions', () => {
  it('should accept consistent definitions', () => {
    expect(checkParamDefinitions([p({ name: 'id', location: 'path', type: 'integer', minimum: 1 }), p({ name: 'X-Tenant', location: 'header', type: 'uuid' })], ['id'])).toEqual([]);
  });

  it('should check the default against type and constraints', () => {
    expect(checkParamDefinitions([p({ type: 'integer', minimum: 5, default: 3 })], [])).toEqual([{ field: 'params[0].default', message: 'default is below minimum 5' }]);
    expect(checkParamDefinitions([p({ pattern: '^a', default: 'b' })], [])[0].message).toBe('default does not match pattern');
    expect(checkParamDefinitions([p({ type: 'array', items: 'integer', default: [1, 'x'] })], [])[0].field).toBe('params[0].default');
    expect(checkParamDefinitions([p({ type: 'date', default: '2024-02-30x' })], [])[0].field).toBe('params[0].default');
  });

  it('should tie path parameters to the path segments', () => {
    expect(checkParamDefinitions([p({ name: 'id' })], ['id']).map((e) => e.field)).toEqual(['params[0].location', 'params']);
  });
});

describe('valueMatchesType', () => {
  it('should tell types apart', () => {
    expect(valueMatchesType(1, 'integer')).toBe(true);
    expect(valueMatchesType(1.5, 'integer')).toBe(false);
    expect(valueMatchesType('2024-01-01T10:00:00Z', 'datetime')).toBe(true);
    expect(valueMatchesType('123e4567-e89b-12d3-a456-426614174000', 'uuid')).toBe(true);
    expect(valueMatchesType({}, 'object')).toBe(true);
    expect(valueMatchesType([], 'object')).toBe(false);
  });
});

describe('scriptSyntaxError', () => {
  it('should locate a syntax error in the user code without running it', () => {
    expect(scriptSyntaxError('script', 'globalThis.ran = true; return 1')).toBeNull();
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    expect(scriptSyntaxError('script', 'export function execute(params) { return params }')).toBeNull();
    expect(scriptSyntaxError('transform', 'const a = 1;\nconst = 2;')).toMatchObject({ line: 2, column: 7 });
  });
});
