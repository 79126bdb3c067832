import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { API_METHODS, type ApiMethod } from 'src/apis/api.entity.js';
import { ApiParamDefinitionDto, ApiValidatorDefinitionDto } from 'src/apis/dto/api-param-definition.dto.js';
import { Optional, TrimmedName, ValidateId } from 'src/common/validation/decorators.js';

export class CreateApiDto {
  @ValidateId()
  moduleId: string;

  @TrimmedName(200)
  name: string;

  @ApiProperty({ maxLength: 500, description: 'Gateway path under /api/, e.g. users/{id}; see docs/publishing.md' })
  @IsString()
  @MaxLength(600)
  path: string;

  @ApiProperty({ enum: API_METHODS })
  @IsIn(API_METHODS)
  method: ApiMethod;

  @ApiProperty({ enum: ['sql', 'script'] })
  @IsIn(['sql', 'script'])
  engine: 'sql' | 'script';

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Required for the SQL engine' })
  @IsOptional()
  @IsUUID()
  datasourceId?: string | null;

  @ApiPropertyOptional({ enum: ['public', 'private'], default: 'private' })
  @Optional()
  @IsIn(['public', 'private'])
  accessType?: 'public' | 'private';

  @ApiPropertyOptional({ default: true, description: 'Runs in a read-only transaction' })
  @Optional()
  @IsBoolean()
  readOnly?: boolean;

  @ApiPropertyOptional({ default: '', description: 'SQL template (Nunjucks) or JavaScript' })
  @Optional()
  @IsString()
  @MaxLength(1_000_000)
  content?: string;

  @ApiPropertyOptional({ type: [ApiParamDefinitionDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ApiParamDefinitionDto)
  params?: ApiParamDefinitionDto[];

  @ApiPropertyOptional({ type: [ApiValidatorDefinitionDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ApiValidatorDefinitionDto)
  validators?: ApiValidatorDefinitionDto[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'JavaScript `transform(result, params)`' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  transform?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000) rateLimitPerMinute?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(3_600_000) timeoutMs?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(10_000_000) maxRows?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(86_400 * 30) cacheTtlSeconds?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'Allowed CORS origins (scheme://host[:port]) or *' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^(\*|https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)$/, { each: true, message: 'each origin must be * or scheme://host[:port]' })
  corsOrigins?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Groups that contain the API (replaces the set)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  groupIds?: string[];

  @ApiPropertyOptional({ default: '' })
  @Optional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}
