import { describe, expect, it } from 'vitest';
import { definedNames, importedNames, referenceSources, usesMacro } from 'src/macros/macro-references.js';

describe('macro references', () => {
  it('should find the names a macro defines', () => {
    expect(definedNames({ kind: 'sql', content: '{% macro page(n) %}LIMIT {{ n }}{% endmacro %}\n{%- macro other () %}{% endmacro %}' })).toEqual(['page', 'other']);
    expect(definedNames({ kind: 'script', content: 'function a(x) {}\nexport async function b() {}\nconst c = 1;\n  function nested() {}' })).toEqual(['a', 'b', 'nested', 'c']);
  });

  it('should see a call of a defined name or an import of the macro name', () => {
    const sqlMacro = { name: 'paging', kind: 'sql' as const, content: '{% macro page(n) %}LIMIT {{ n }}{% endmacro %}' };
    expect(usesMacro(sqlMacro, { sql: ['SELECT 1 {{ page(10) }}'], script: [] })).toBe(true);
    expect(usesMacro(sqlMacro, { sql: ['SELECT 1 -- pages'], script: [] })).toBe(false);
    expect(usesMacro(sqlMacro, { sql: ['{% import "paging" as p %}'], script: [] })).toBe(true);
    expect(usesMacro(sqlMacro, { sql: [], script: ['page(1)'] })).toBe(false);
    const scriptMacro = { name: 'util', kind: 'script' as const, content: 'function clamp(v, lo, hi) { return v }' };
    expect(usesMacro(scriptMacro, { sql: [], script: ['return clamp(params.n, 1, 5)'] })).toBe(true);
    expect(usesMacro(scriptMacro, { sql: [], script: ['return Math.clamp(params.n)'] })).toBe(false);
  });

  it('should look at validators and transforms for script macros whatever the engine', () => {
    const sources = referenceSources({ engine: 'sql', content: 'SELECT 1', validators: [{ param: 'x', code: 'return isOk(value)' }], transform: 'return fmt(result)' });
    expect(sources).toEqual({ sql: ['SELECT 1'], script: ['return isOk(value)', 'return fmt(result)'] });
    expect(importedNames('{% from "a" import x %}{% include \'b\' %}')).toEqual(['a', 'b']);
  });
});
