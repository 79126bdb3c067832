import { describe, expect, it } from 'vitest';
import { parseApiPath, shadowedBuiltIn } from 'src/apis/api-path.js';

describe('parseApiPath', () => {
  it('should trim slashes, collapse // and keep case', () => {
    expect(parseApiPath('  //Users//{id}/Orders/ ')).toEqual({ ok: true, value: { path: 'Users/{id}/Orders', shape: 'Users/{}/Orders', params: ['id'] } });
  });

  it('should refuse empty paths, bad segments and repeated parameters', () => {
    expect(parseApiPath(' / ')).toMatchObject({ ok: false, message: 'path cannot be empty' });
    expect(parseApiPath('a/{1x}')).toMatchObject({ ok: false });
    expect(parseApiPath('a/b c')).toMatchObject({ ok: false });
    expect(parseApiPath('a/x{id}')).toMatchObject({ ok: false });
    expect(parseApiPath('{id}/{id}')).toMatchObject({ ok: false, message: 'path parameter {id} appears twice' });
  });

  it('should give users/{id} and users/{uid} the same shape', () => {
    const a = parseApiPath('users/{id}');
    const b = parseApiPath('users/{uid}');
    expect(a.ok && b.ok && a.value.shape === b.value.shape).toBe(true);
  });
});

describe('shadowedBuiltIn', () => {
  it('should name the built-in route a pattern can match', () => {
    expect(shadowedBuiltIn('token/generate', 'POST')).toBe('token/generate');
    expect(shadowedBuiltIn('Token/{}', 'GET')).toBe('token/generate');
    expect(shadowedBuiltIn('{}', 'GET')).toBe('openapi.json');
    expect(shadowedBuiltIn('{}', 'POST')).toBeNull();
    expect(shadowedBuiltIn('token/generate', 'DELETE')).toBeNull();
    expect(shadowedBuiltIn('users/{}', 'GET')).toBeNull();
    expect(shadowedBuiltIn('token/generate/x', 'POST')).toBeNull();
  });
});
