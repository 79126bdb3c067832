import { describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import { validateDatasourceOptions } from 'src/datasources/dto/datasource-options.dto.js';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppException);
    expect((e as AppException).code).toBe('VALIDATION_FAILED');
    return [...new Set(((e as AppException).details ?? []).map((d) => d.field ?? ''))];
  }
  throw new Error('expected a validation failure');
};

describe('validateDatasourceOptions', () => {
  it('should accept each type\'s own options and return only the given keys', () => {
    expect(validateDatasourceOptions('postgres', { schema: 'sales', applicationName: 'qg', sslMode: 'verify-full', sslCa: '-----BEGIN', readOnly: true })).toEqual({
      schema: 'sales',
      applicationName: 'qg',
      sslMode: 'verify-full',
      sslCa: '-----BEGIN',
      readOnly: true,
    });
    expect(validateDatasourceOptions('mysql', { tinyint1AsBoolean: false, bigNumbersAsNumbers: true })).toEqual({ tinyint1AsBoolean: false, bigNumbersAsNumbers: true });
    expect(validateDatasourceOptions('trino', { catalog: 'hive', schema: 'web', applicationName: 'qg', queueMax: 0, queueTimeoutMs: 100 })).toEqual({ catalog: 'hive', schema: 'web', applicationName: 'qg', queueMax: 0, queueTimeoutMs: 100 });
    expect(validateDatasourceOptions('postgres', undefined)).toEqual({});
  });

  it('should name every unknown key, including keys of another type', () => {
    expect(fieldsOf(() => validateDatasourceOptions('postgres', { catalog: 'x', tinyint1AsBoolean: true, bogus: 1 })).sort()).toEqual(['options.bogus', 'options.catalog', 'options.tinyint1AsBoolean']);
    expect(fieldsOf(() => validateDatasourceOptions('mysql', { schema: 'x', applicationName: 'y' })).sort()).toEqual(['options.applicationName', 'options.schema']);
  });

  it('should name bad values', () => {
    expect(fieldsOf(() => validateDatasourceOptions('postgres', { sslMode: 'sometimes' }))).toEqual(['options.sslMode']);
    expect(fieldsOf(() => validateDatasourceOptions('postgres', { statementTimeoutMs: 0 }))).toEqual(['options.statementTimeoutMs']);
    expect(fieldsOf(() => validateDatasourceOptions('postgres', { connectTimeoutMs: 150.5 }))).toEqual(['options.connectTimeoutMs']);
    expect(fieldsOf(() => validateDatasourceOptions('postgres', { schema: 'a; drop table x' }))).toEqual(['options.schema']);
    expect(fieldsOf(() => validateDatasourceOptions('mysql', { readOnly: 'yes' }))).toEqual(['options.readOnly']);
    expect(fieldsOf(() => validateDatasourceOptions('trino', { catalog: null }))).toEqual(['options.catalog']);
    expect(fieldsOf(() => validateDatasourceOptions('trino', ['x']))).toEqual(['options']);
  });
});
