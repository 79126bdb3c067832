import { describe, expect, it } from 'vitest';
import { renderTrinoLiteral, toExecuteImmediate, TrinoTyped, trinoDate, trinoDecimal, trinoTimestamp } from 'src/datasources/external-db/trino-literal.js';

describe('renderTrinoLiteral', () => {
  it.each([
    [null, 'NULL'],
    [undefined, 'NULL'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [42, '42'],
    [-7, '-7'],
    [1.5, "DOUBLE '1.5'"],
    [1e21, "DOUBLE '1e+21'"],
    [12345678901234567890n, '12345678901234567890'],
    ['plain', "'plain'"],
    ["it's", "'it''s'"],
    ["'; DROP TABLE t; --", "'''; DROP TABLE t; --'"],
    ['back\\slash', "'back\\slash'"],
    [new Date('2024-02-29T23:59:59.123Z'), "TIMESTAMP '2024-02-29 23:59:59.123'"],
    [Buffer.from('deadbeef', 'hex'), "X'deadbeef'"],
    [[1, 'a', null], "ARRAY[1, 'a', NULL]"],
    [{ k: "v'" }, `JSON '{"k":"v''"}'`],
  ])('should render %o as %s', (value, expected) => {
    expect(renderTrinoLiteral(value)).toBe(expected);
  });

  it('should render typed dates, timestamps and decimals after checking their format', () => {
    expect(renderTrinoLiteral(trinoDate('2024-02-29'))).toBe("DATE '2024-02-29'");
    expect(renderTrinoLiteral(trinoTimestamp('2024-02-29T23:59:59.123456'))).toBe("TIMESTAMP '2024-02-29 23:59:59.123456'");
    expect(renderTrinoLiteral(new TrinoTyped('timestamp with time zone', '2024-02-29T10:00:00Z'))).toBe("TIMESTAMP '2024-02-29 10:00:00 UTC'");
    expect(renderTrinoLiteral(trinoDecimal('-12345678901234567890.123'))).toBe("DECIMAL '-12345678901234567890.123'");
    expect(() => renderTrinoLiteral(trinoDate("2024-01-01' OR '1'='1"))).toThrow(TypeError);
    expect(() => renderTrinoLiteral(trinoTimestamp('yesterday'))).toThrow(TypeError);
    expect(() => renderTrinoLiteral(trinoDecimal('1e5'))).toThrow(TypeError);
  });

  it('should refuse values without a safe literal', () => {
    expect(() => renderTrinoLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => renderTrinoLiteral(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => renderTrinoLiteral(new Date('nope'))).toThrow(TypeError);
    expect(() => renderTrinoLiteral(() => 1)).toThrow(TypeError);
    expect(() => renderTrinoLiteral(Symbol('s'))).toThrow(TypeError);
  });
});

describe('toExecuteImmediate', () => {
  it('should wrap parameterised SQL with its quotes doubled and append the literals', () => {
    expect(toExecuteImmediate("SELECT * FROM t WHERE a = ? AND b <> 'x'", ["o'k"])).toBe("EXECUTE IMMEDIATE 'SELECT * FROM t WHERE a = ? AND b <> ''x''' USING 'o''k'");
  });

  it('should send SQL without values unchanged', () => {
    expect(toExecuteImmediate('SELECT 1', [])).toBe('SELECT 1');
  });
});
