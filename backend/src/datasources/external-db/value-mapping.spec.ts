import { describe, expect, it } from 'vitest';
import { isoTimestamp, jsonSafeFloat, toNumberIfSafe } from 'src/datasources/external-db/value-mapping.js';

describe('toNumberIfSafe', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['1.50', 1.5],
    ['0.000', 0],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', '9007199254740993'],
    ['0.1234567890123456789', '0.1234567890123456789'],
    ['12345678901234.123456', '12345678901234.123456'],
    ['1e3', '1e3'],
    ['NaN', 'NaN'],
  ])('should map %s to %o', (text, expected) => {
    expect(toNumberIfSafe(text)).toBe(expected);
  });
});

describe('isoTimestamp', () => {
  it.each([
    ['2024-02-29 23:59:59.123456', '2024-02-29T23:59:59.123456'],
    ['2024-02-29 23:59:59.123456+00', '2024-02-29T23:59:59.123456Z'],
    ['2024-02-29 23:59:59+05:30', '2024-02-29T23:59:59+05:30'],
    ['2024-02-29 23:59:59-08', '2024-02-29T23:59:59-08:00'],
    ['infinity', 'infinity'],
  ])('should map %s to %s', (text, expected) => {
    expect(isoTimestamp(text)).toBe(expected);
  });
});

describe('jsonSafeFloat', () => {
  it('should keep finite numbers and name the others', () => {
    expect(jsonSafeFloat(1.25)).toBe(1.25);
    expect(jsonSafeFloat(Number.NaN)).toBe('NaN');
    expect(jsonSafeFloat(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });
});
