import { ApiProperty } from '@nestjs/swagger';
import type { ApiEntity, ApiMethod } from 'src/apis/api.entity.js';
import { API_METHODS } from 'src/apis/api.entity.js';
import { ApiParamDefinitionDto, ApiValidatorDefinitionDto } from 'src/apis/dto/api-param-definition.dto.js';

export class ApiWarningDto {
  @ApiProperty({ description: 'Field the warning is about, e.g. content' }) field: string;
  @ApiProperty() message: string;
  @ApiProperty({ required: false }) line?: number;
  @ApiProperty({ required: false }) column?: number;
}

export class ApiResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() path: string;
  @ApiProperty({ enum: API_METHODS }) method: ApiMethod;
  @ApiProperty({ enum: ['sql', 'script'] }) engine: 'sql' | 'script';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) datasourceId: string | null;
  @ApiProperty({ enum: ['public', 'private'] }) accessType: 'public' | 'private';
  @ApiProperty() readOnly: boolean;
  @ApiProperty() content: string;
  @ApiProperty({ type: [ApiParamDefinitionDto] }) params: ApiParamDefinitionDto[];
  @ApiProperty({ type: [ApiValidatorDefinitionDto] }) validators: ApiValidatorDefinitionDto[];
  @ApiProperty({ type: String, nullable: true }) transform: string | null;
  @ApiProperty({ type: Number, nullable: true }) rateLimitPerMinute: number | null;
  @ApiProperty({ type: Number, nullable: true }) timeoutMs: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxRows: number | null;
  @ApiProperty({ type: Number, nullable: true }) cacheTtlSeconds: number | null;
  @ApiProperty({ type: [String] }) corsOrigins: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) groupIds: string[];
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) publishedVersionId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Number of the published version' }) publishedVersion: number | null;
  @ApiProperty({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: [ApiWarningDto], description: 'Non-blocking findings of the last save (undeclared template variables…)' }) warnings: ApiWarningDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toApiResponse = (a: ApiEntity, extra: { groupIds?: string[]; publishedVersion?: number | null; warnings?: ApiWarningDto[] } = {}): ApiResponseDto => ({
  id: a.id,
  moduleId: a.moduleId,
  name: a.name,
  description: a.description,
  path: a.path,
  method: a.method,
  engine: a.engine,
  datasourceId: a.datasourceId,
  accessType: a.accessType,
  readOnly: a.readOnly,
  content: a.content,
  params: a.params,
  validators: a.validators,
  transform: a.transform,
  rateLimitPerMinute: a.rateLimitPerMinute,
  timeoutMs: a.timeoutMs,
  maxRows: a.maxRows,
  cacheTtlSeconds: a.cacheTtlSeconds,
  corsOrigins: a.corsOrigins,
  groupIds: extra.groupIds ?? [],
  status: a.publishedVersionId ? 'published' : 'draft',
  publishedVersionId: a.publishedVersionId,
  publishedVersion: extra.publishedVersion ?? null,
  publishedAt: a.publishedAt,
  warnings: extra.warnings ?? [],
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export class ApiPageDto {
  @ApiProperty({ type: [ApiResponseDto] }) items: ApiResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
