import { describe, expect, it } from 'vitest';
import { compareWithDeclared, discoverVariables } from '@/features/apis/lib/template-variables';

describe('discoverVariables', () => {
  it('should find expressions, conditions and filter inputs in a Nunjucks template but not filters, loop variables or strings', () => {
    const sql = `SELECT * FROM t {% where %}{% if name %}name = {{ name | sql_string }}{% endif %} AND id IN {{ ids | in_list }}{% endwhere %}
{% for c in cols %}{{ c }}{% endfor %} LIMIT {{ limit or 'x' }}`;
    expect(discoverVariables(sql, 'sql')).toEqual(['name', 'ids', 'cols', 'limit']);
  });

  it('should find params.x and params["y"] in scripts', () => {
    expect(discoverVariables("const a = params.city; const b = params['zip']; return params.city;", 'script')).toEqual(['city', 'zip']);
  });

  it('should split into undeclared and unused names', () => {
    expect(compareWithDeclared(['a', 'b'], [{ name: 'b', location: 'query', type: 'string', required: false }, { name: 'c', location: 'query', type: 'string', required: false }])).toEqual({
      undeclared: ['a'],
      unused: ['c'],
    });
  });
});
