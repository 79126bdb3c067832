import { describe, expect, it } from 'vitest';
import { parseTrinoJson, trinoColumnConverters } from 'src/datasources/external-db/trino.driver.js';

describe('parseTrinoJson', () => {
  it('should keep integers beyond 2^53 exact and leave strings alone', () => {
    const page = parseTrinoJson('{"data":[[9007199254740993,-12345678901234567890,42,1.5,"9007199254740993 in \\"text\\""]]}') as { data: unknown[][] };
    expect(page.data[0]).toEqual(['9007199254740993', '-12345678901234567890', 42, 1.5, '9007199254740993 in "text"']);
  });
});

describe('trinoColumnConverters', () => {
  it('should map bigint/decimal to exact strings, timestamps to ISO and json to objects', () => {
    const conv = trinoColumnConverters([{ type: 'bigint' }, { type: 'decimal(20,6)' }, { type: 'timestamp(6)' }, { type: 'timestamp(3) with time zone' }, { type: 'json' }, { type: 'varchar' }], false);
    const values = [42, '1.500000', '2024-02-29 23:59:59.123456', '2024-02-29 10:00:00.000 UTC', '{"a":1}', 'x'];
    expect(values.map((v, i) => conv[i](v))).toEqual(['42', '1.500000', '2024-02-29T23:59:59.123456', '2024-02-29T10:00:00.000Z', { a: 1 }, 'x']);
  });
});
