import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';

/** A UUID field (body or path). */
export const ValidateId = (options: { optional?: boolean } = {}) =>
  applyDecorators(
    options.optional ? ApiPropertyOptional({ format: 'uuid' }) : ApiProperty({ format: 'uuid' }),
    ...(options.optional ? [IsOptional()] : []),
    IsUUID(),
  );

/** Optional, but when present it may not be null. */
export const Optional = () => ValidateIf((_obj, value) => value !== undefined);

/** A trimmed, non-empty name. */
export const TrimmedName = (max = 200, options: { optional?: boolean } = {}) =>
  applyDecorators(
    options.optional ? ApiPropertyOptional({ maxLength: max }) : ApiProperty({ maxLength: max }),
    ...(options.optional ? [Optional()] : []),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );

/** A boolean that also accepts "true"/"false" from a query string. */
export const QueryBoolean = () =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value)),
    IsBoolean(),
  );
