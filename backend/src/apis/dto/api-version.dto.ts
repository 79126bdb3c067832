import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import type { ApiVersionEntity } from 'src/apis/api-version.entity.js';
import { Optional } from 'src/common/validation/decorators.js';

export class CreateVersionDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Commit message' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  message?: string;
}

export class PublishVersionDto {
  @ApiProperty({ format: 'uuid', description: 'The version to serve (an older one rolls back)' })
  @IsUUID()
  versionId: string;
}

export class VersionParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() versionId: string;
}

export class VersionDiffQueryDto {
  @ApiProperty({ description: 'A version id, or "draft"' })
  @IsString()
  @Matches(/^(draft|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'from must be a version id or draft' })
  from: string;

  @ApiPropertyOptional({ description: 'A version id, or "draft" (default)', default: 'draft' })
  @IsOptional()
  @IsString()
  @Matches(/^(draft|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'to must be a version id or draft' })
  to?: string;
}

export class ApiVersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) apiId: string;
  @ApiProperty() version: number;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, nullable: true }) authorEmail: string | null;
  @ApiProperty() isPublished: boolean;
  @ApiProperty() createdAt: Date;
}

export class ApiVersionResponseDto extends ApiVersionSummaryDto {
  @ApiProperty({ description: 'Everything that changes behaviour (ApiSnapshot)', type: 'object', additionalProperties: true }) snapshot: ApiSnapshot;
}

export const toVersionSummary = (v: ApiVersionEntity, publishedId: string | null): ApiVersionSummaryDto => ({
  id: v.id,
  apiId: v.apiId,
  version: v.version,
  message: v.message,
  authorId: v.authorId,
  authorEmail: v.authorEmail,
  isPublished: v.id === publishedId,
  createdAt: v.createdAt,
});

export const toVersionResponse = (v: ApiVersionEntity, publishedId: string | null): ApiVersionResponseDto => ({ ...toVersionSummary(v, publishedId), snapshot: v.snapshot });

export class VersionRefDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the draft' }) id: string | null;
  @ApiProperty({ type: Number, nullable: true }) version: number | null;
  @ApiProperty({ description: 'v3 or draft' }) label: string;
}

export class FieldChangeDto {
  @ApiProperty() field: string;
  @ApiProperty({ description: 'Old value (any JSON)', nullable: true }) from: unknown;
  @ApiProperty({ description: 'New value (any JSON)', nullable: true }) to: unknown;
  @ApiPropertyOptional({ description: 'Unified diff (text fields)' }) patch?: string;
}

export class VersionDiffDto {
  @ApiProperty({ type: VersionRefDto }) from: VersionRefDto;
  @ApiProperty({ type: VersionRefDto }) to: VersionRefDto;
  @ApiProperty({ type: [FieldChangeDto], description: 'Only the fields that differ' }) changes: FieldChangeDto[];
}
