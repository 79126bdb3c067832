import { describe, expect, it } from 'vitest';
import { field, isForm, parseBasicAuthorization, repeated } from 'src/tokens/token-request.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('parseBasicAuthorization (RFC 6749 §2.3.1)', () => {
  it('should decode form-urlencoded id and secret', () => {
    expect(parseBasicAuthorization(`Basic ${b64('qg_abc:s3cr%3At+x')}`)).toEqual({ clientId: 'qg_abc', secret: 's3cr:t x' });
    expect(parseBasicAuthorization(`basic  ${b64('id:')}`)).toEqual({ clientId: 'id', secret: '' });
  });

  it('should tell a missing header (undefined) from a malformed Basic one (null)', () => {
    expect(parseBasicAuthorization(undefined)).toBeUndefined();
    expect(parseBasicAuthorization('Bearer abc')).toBeUndefined();
    expect(parseBasicAuthorization('Basic !!!')).toBeNull();
    expect(parseBasicAuthorization(`Basic ${b64('no-colon')}`)).toBeNull();
    expect(parseBasicAuthorization(`Basic ${b64(':secret')}`)).toBeNull();
    expect(parseBasicAuthorization(`Basic ${b64('id:%E0%A4%A')}`)).toBeNull();
  });
});

describe('body helpers', () => {
  it('should read only string fields and spot repeated parameters', () => {
    expect(field({ a: 'x', b: 1, c: ['y', 'z'] }, 'a')).toBe('x');
    expect(field({ b: 1 }, 'b')).toBeUndefined();
    expect(field('a=x', 'a')).toBeUndefined();
    expect(field(null, 'a')).toBeUndefined();
    expect(repeated({ grant_type: ['a', 'b'] }, ['client_id', 'grant_type'])).toBe('grant_type');
    expect(repeated({ grant_type: 'a' }, ['grant_type'])).toBeUndefined();
  });

  it('should recognise the form content type with parameters', () => {
    expect(isForm('application/x-www-form-urlencoded; charset=UTF-8')).toBe(true);
    expect(isForm('application/json')).toBe(false);
    expect(isForm(undefined)).toBe(false);
  });
});
