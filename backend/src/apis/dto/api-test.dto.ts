import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApiParamDefinitionDto, ApiValidatorDefinitionDto } from 'src/apis/dto/api-param-definition.dto.js';

export class TestApiDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Parameter values by name (read for every location)' })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'uuid', description: 'Run this version instead of the draft' })
  @IsOptional()
  @IsUUID()
  versionId?: string;
}

export class InlineTestApiDto {
  @ApiProperty({ enum: ['sql', 'script'] }) @IsIn(['sql', 'script']) engine: 'sql' | 'script';

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() datasourceId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Module whose published macros are prepended (global macros always are)' })
  @IsOptional()
  @IsUUID()
  moduleId?: string | null;

  @ApiProperty() @IsString() @MaxLength(1_000_000) content: string;

  @ApiPropertyOptional({ type: [ApiParamDefinitionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ApiParamDefinitionDto)
  params?: ApiParamDefinitionDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Parameter values by name' })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [ApiValidatorDefinitionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ApiValidatorDefinitionDto)
  validators?: ApiValidatorDefinitionDto[];

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100_000) transform?: string | null;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() readOnly?: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(10_000_000) maxRows?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(3_600_000) timeoutMs?: number | null;
}

export class TestStatementDto {
  @ApiProperty({ description: 'Rendered SQL with the dialect placeholders ($1 PostgreSQL, ? MySQL)' }) sql: string;
  @ApiProperty({ type: 'array', items: {}, description: 'Bound values, in placeholder order' }) values: unknown[];
}

export class TestTimingsDto {
  @ApiProperty() renderMs: number;
  @ApiProperty() queueMs: number;
  @ApiProperty() executeMs: number;
  @ApiProperty() transformMs: number;
  @ApiProperty() totalMs: number;
}

export class TestParamErrorDto {
  @ApiProperty() param: string;
  @ApiProperty() message: string;
}

export class TestErrorDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional() line?: number;
  @ApiPropertyOptional() column?: number;
  @ApiPropertyOptional({ type: [TestParamErrorDto], description: 'One entry per invalid parameter (VALIDATION_FAILED)' }) params?: TestParamErrorDto[];
}

export class ApiTestResultDto {
  @ApiProperty() success: boolean;
  @ApiProperty({ type: [TestStatementDto] }) statements: TestStatementDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The gateway envelope {success, message, data, …}' }) result: Record<string, unknown>;
  @ApiProperty() rowCount: number;
  @ApiProperty({ type: TestTimingsDto }) timings: TestTimingsDto;
  @ApiPropertyOptional({ type: TestErrorDto }) error?: TestErrorDto;
}
