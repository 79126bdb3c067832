import { describe, expect, it } from 'vitest';
import { normalizeScriptResult } from 'src/engines/script/script-result.js';

describe('normalizeScriptResult', () => {
  it('should wrap lists, scalars and nothing', () => {
    expect(normalizeScriptResult([1])).toEqual({ envelope: { success: true, message: null, data: [1] }, httpStatus: 200 });
    expect(normalizeScriptResult('x').envelope.data).toEqual(['x']);
    expect(normalizeScriptResult(undefined).envelope.data).toEqual([]);
    expect(normalizeScriptResult(null).envelope.data).toEqual([]);
    expect(normalizeScriptResult({ a: 1 }).envelope.data).toEqual([{ a: 1 }]);
  });

  it('should keep extras of a data object and of an envelope', () => {
    expect(normalizeScriptResult({ data: 5, total: 1 }).envelope).toEqual({ success: true, message: null, data: [5], total: 1 });
    expect(normalizeScriptResult({ success: true, message: 'm', data: [], x: 1, status: 'active' }).envelope).toEqual({ success: true, message: 'm', data: [], x: 1, status: 'active' });
  });

  it('should turn the status of a failure into the HTTP status', () => {
    expect(normalizeScriptResult({ success: false, message: 'gone', status: 410 })).toEqual({ envelope: { success: false, message: 'gone', data: [] }, httpStatus: 410 });
    expect(normalizeScriptResult({ success: false, status: 600 }).httpStatus).toBe(400);
    expect(normalizeScriptResult({ success: false, status: '404' }).httpStatus).toBe(400);
  });

  it('should never let a __proto__ key change a prototype', () => {
    const value = JSON.parse('{"data": [1], "__proto__": {"admin": true}}');
    const { envelope } = normalizeScriptResult(value);
    expect(Object.getPrototypeOf(envelope)).toBe(Object.prototype);
    expect((envelope as Record<string, unknown>).admin).toBeUndefined();
  });
});
