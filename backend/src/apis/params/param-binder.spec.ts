import { describe, expect, it } from 'vitest';
import type { ApiParamDefinition } from 'src/apis/api-snapshot.js';
import { bindParams, type ParamSource } from 'src/apis/params/param-binder.js';

const def = (d: Partial<ApiParamDefinition> & { name: string }): ApiParamDefinition => ({ location: 'query', type: 'string', required: false, ...d });
const src = (s: Partial<ParamSource>): ParamSource => ({ query: {}, body: undefined, path: {}, headers: {}, ...s });

describe('bindParams', () => {
  it('reads each parameter from its declared location only', () => {
    const defs = [def({ name: 'col1', location: 'header' }), def({ name: 'b', location: 'body' }), def({ name: 'id', location: 'path', type: 'integer' })];
    const r = bindParams(defs, src({ query: { col1: 'q', b: 'q' }, body: { col1: 'body', b: 'from-body' }, headers: { col1: 'h' }, path: { id: '7' } }));
    expect(r).toEqual({ values: { col1: 'h', b: 'from-body', id: 7 }, errors: [] });
    expect(bindParams([def({ name: 'col1', location: 'header' })], src({ query: { col1: 'q' } })).values).toEqual({});
  });

  it('coerces types and reports one error per parameter', () => {
    const defs = [
      def({ name: 'n', type: 'integer' }),
      def({ name: 'x', type: 'number' }),
      def({ name: 'flag', type: 'boolean' }),
      def({ name: 'd', type: 'date' }),
      def({ name: 'u', type: 'uuid' }),
      def({ name: 'bad', type: 'integer', minimum: 10 }),
    ];
    const r = bindParams(defs, src({ query: { n: '42', x: '1.5', flag: 'no', d: '2024-02-30', u: 'not-a-uuid', bad: ['1', '2'] } }));
    expect(r.values).toEqual({ n: 42, x: 1.5, flag: false });
    expect(r.errors.map((e) => e.param)).toEqual(['d', 'u', 'bad']);
  });

  it('makes arrays from repeated keys, comma lists and JSON, typing each item', () => {
    const ids = def({ name: 'ids', type: 'array', items: 'integer', maxLength: 3 });
    expect(bindParams([ids], src({ query: { ids: ['1', '2'] } })).values.ids).toEqual([1, 2]);
    expect(bindParams([ids], src({ query: { ids: '1, 2,,3' } })).values.ids).toEqual([1, 2, 3]);
    expect(bindParams([ids], src({ query: { ids: '[4,5]' } })).values.ids).toEqual([4, 5]);
    expect(bindParams([ids], src({ query: { ids: '1,2,3,4' } })).errors).toEqual([{ param: 'ids', message: 'must have at most 3 items' }]);
    expect(bindParams([ids], src({ query: { ids: '1,x' } })).errors[0].message).toMatch(/item 2/);
  });

  it('uses the default for a missing required parameter and flags a missing one without default', () => {
    const defs = [def({ name: 'n', type: 'integer', required: true, default: '99' }), def({ name: 'm', required: true })];
    expect(bindParams(defs, src({}))).toEqual({ values: { n: 99 }, errors: [{ param: 'm', message: 'is required' }] });
  });

  it('checks enum, length and pattern', () => {
    const defs = [def({ name: 's', enum: ['a', 'b'] }), def({ name: 'code', pattern: '^[A-Z]{3}$', minLength: 3 })];
    expect(bindParams(defs, src({ query: { s: 'c', code: 'ab' } })).errors.map((e) => e.param)).toEqual(['s', 'code']);
    expect(bindParams(defs, src({ query: { s: 'a', code: 'ABC' } })).values).toEqual({ s: 'a', code: 'ABC' });
  });

  it('merges body < query < path when the API declares nothing', () => {
    const r = bindParams([], src({ body: { a: 1, b: 1, c: 1 }, query: { b: '2', c: '2', naming: 'camel' }, path: { c: '3', d: '3' } }));
    expect(r.values).toEqual({ a: 1, b: '2', c: '3', d: '3' });
  });
});
