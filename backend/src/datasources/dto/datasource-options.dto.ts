import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, validateSync, type ValidationError } from 'class-validator';
import type { ErrorDetail } from 'src/common/errors/app-exception.js';
import { commonError } from 'src/common/errors/error-code.js';
import { Optional } from 'src/common/validation/decorators.js';
import type { DatasourceOptions, DatasourceType } from 'src/datasources/external-db/connector.js';

const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const HOUR_MS = 3_600_000;

/** Options every type understands (connector.ts `DatasourceOptions`). */
class CommonOptionsDto {
  @ApiPropertyOptional({ enum: SSL_MODES, default: 'disable' })
  @Optional()
  @IsIn(SSL_MODES)
  sslMode?: DatasourceOptions['sslMode'];

  @ApiPropertyOptional({ description: 'PEM CA bundle used with verify-ca / verify-full' })
  @Optional()
  @IsString()
  @MaxLength(65_536)
  sslCa?: string;

  @ApiPropertyOptional({ minimum: 100, maximum: 600_000 })
  @Optional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  connectTimeoutMs?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HOUR_MS, description: 'Default statement timeout when an API sets none' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(HOUR_MS)
  statementTimeoutMs?: number;

  @ApiPropertyOptional({ description: 'Every transaction on this source is read-only' })
  @Optional()
  @IsBoolean()
  readOnly?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000, description: 'Callers allowed to wait for a connection when all are busy' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  queueMax?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 600_000, description: 'How long a caller waits for a connection before DATASOURCE_SATURATED' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  queueTimeoutMs?: number;

  @ApiPropertyOptional({ minimum: 1000, maximum: 24 * HOUR_MS })
  @Optional()
  @IsInt()
  @Min(1000)
  @Max(24 * HOUR_MS)
  idleTimeoutMs?: number;

  @ApiPropertyOptional({ description: 'int8/numeric/decimal as JS numbers when they fit exactly (default: strings)' })
  @Optional()
  @IsBoolean()
  bigNumbersAsNumbers?: boolean;
}

class ApplicationNameDto {
  @ApiPropertyOptional({ maxLength: 63, description: 'PostgreSQL application_name; Trino X-Trino-Source' })
  @Optional()
  @IsString()
  @MaxLength(63)
  applicationName?: string;
}

class SchemaDto {
  @ApiPropertyOptional({ maxLength: 128, description: 'Default schema (PostgreSQL search_path, Trino schema)' })
  @Optional()
  @IsString()
  @Matches(IDENT, { message: 'schema must be an identifier (letters, digits, _ and $)' })
  @MaxLength(128)
  schema?: string;
}

class CatalogDto {
  @ApiPropertyOptional({ maxLength: 128, description: 'Trino catalog (defaults to the database field)' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  catalog?: string;
}

class Tinyint1Dto {
  @ApiPropertyOptional({ default: true, description: 'MySQL TINYINT(1) as boolean' })
  @Optional()
  @IsBoolean()
  tinyint1AsBoolean?: boolean;
}

export class PostgresOptionsDto extends IntersectionType(CommonOptionsDto, ApplicationNameDto, SchemaDto) {}
export class MysqlOptionsDto extends IntersectionType(CommonOptionsDto, Tinyint1Dto) {}
export class TrinoOptionsDto extends IntersectionType(CommonOptionsDto, ApplicationNameDto, CatalogDto, SchemaDto) {}

/** Every option of every type, for the OpenAPI document; the server checks the keys of the source's own type. */
export class DatasourceOptionsDto extends IntersectionType(PostgresOptionsDto, MysqlOptionsDto, TrinoOptionsDto) {}

const BY_TYPE: Record<DatasourceType, new () => object> = { postgres: PostgresOptionsDto, mysql: MysqlOptionsDto, trino: TrinoOptionsDto };

function flatten(errors: ValidationError[], prefix: string): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = `${prefix}.${e.property}`;
    const messages = Object.values(e.constraints ?? {}).map((m) => m.replace(/^property (\S+) should not exist$/, `unknown option "$1" for this type`));
    return [...messages.map((message) => ({ field, message })), ...flatten(e.children ?? [], field)];
  });
}

/**
 * Checks `options` against the type's own option set: unknown keys and bad values → VALIDATION_FAILED with a
 * detail per field (`options.<key>`). Returns a plain object holding only the keys that were given.
 */
export function validateDatasourceOptions(type: DatasourceType, options: unknown): DatasourceOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw commonError('VALIDATION_FAILED', 'options must be an object', [{ field: 'options', message: 'options must be an object' }]);
  }
  const instance = plainToInstance(BY_TYPE[type], options);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) {
    const details = flatten(errors, 'options');
    throw commonError('VALIDATION_FAILED', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as DatasourceOptions;
}
