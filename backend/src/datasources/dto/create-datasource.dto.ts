import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional, TrimmedName } from 'src/common/validation/decorators.js';
import { DatasourceOptionsDto } from 'src/datasources/dto/datasource-options.dto.js';
import type { DatasourceType } from 'src/datasources/external-db/connector.js';

export const DATASOURCE_TYPES = ['postgres', 'mysql', 'trino'] as const satisfies readonly DatasourceType[];
const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class CreateDatasourceDto {
  @TrimmedName(100)
  name: string;

  @ApiProperty({ enum: DATASOURCE_TYPES })
  @IsIn(DATASOURCE_TYPES)
  type: DatasourceType;

  @ApiProperty({ maxLength: 255, example: 'db.internal' })
  @trim
  @IsString()
  @Matches(/^[A-Za-z0-9._:[\]-]+$/, { message: 'host must be a host name or an IP address' })
  @MaxLength(255)
  host: string;

  @ApiProperty({ minimum: 1, maximum: 65535 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @ApiPropertyOptional({ maxLength: 255, default: '', description: 'Database name (Trino: the catalog unless options.catalog is set)' })
  @Optional()
  @trim
  @IsString()
  @MaxLength(255)
  database?: string;

  @ApiPropertyOptional({ maxLength: 255, default: '' })
  @Optional()
  @IsString()
  @MaxLength(255)
  username?: string;

  @ApiPropertyOptional({ format: 'password', maxLength: 1024, writeOnly: true, description: 'Write-only; stored encrypted and never returned' })
  @Optional()
  @IsString()
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ type: DatasourceOptionsDto, description: 'Driver options; the keys allowed depend on the type' })
  @Optional()
  @IsObject()
  options?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 5, description: 'Most connections this instance opens to the source' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(200)
  poolMax?: number;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}
