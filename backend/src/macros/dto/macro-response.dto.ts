import { ApiProperty } from '@nestjs/swagger';
import type { MacroVersionEntity } from 'src/macros/macro-version.entity.js';
import type { MacroEntity, MacroKind } from 'src/macros/macro.entity.js';

export class MacroResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['sql', 'script'] }) kind: MacroKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) moduleId: string | null;
  @ApiProperty() content: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) publishedVersionId: string | null;
  @ApiProperty({ type: Number, nullable: true }) publishedVersion: number | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toMacroResponse = (m: MacroEntity, publishedVersion: number | null = null): MacroResponseDto => ({
  id: m.id,
  name: m.name,
  kind: m.kind,
  moduleId: m.moduleId,
  content: m.content,
  description: m.description,
  status: m.publishedVersionId ? 'published' : 'draft',
  publishedVersionId: m.publishedVersionId,
  publishedVersion,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

export class MacroPageDto {
  @ApiProperty({ type: [MacroResponseDto] }) items: MacroResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class MacroVersionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) macroId: string;
  @ApiProperty() version: number;
  @ApiProperty() content: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, nullable: true }) authorEmail: string | null;
  @ApiProperty() isPublished: boolean;
  @ApiProperty() createdAt: Date;
}

export const toMacroVersionResponse = (v: MacroVersionEntity, publishedId: string | null): MacroVersionResponseDto => ({
  id: v.id,
  macroId: v.macroId,
  version: v.version,
  content: v.content,
  message: v.message,
  authorId: v.authorId,
  authorEmail: v.authorEmail,
  isPublished: v.id === publishedId,
  createdAt: v.createdAt,
});

export class MacroUsageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() method: string;
  @ApiProperty() path: string;
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty({ description: 'The draft references the macro' }) inDraft: boolean;
  @ApiProperty({ description: 'The published version references the macro' }) inPublished: boolean;
}
