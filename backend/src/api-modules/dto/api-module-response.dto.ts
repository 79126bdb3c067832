import { ApiProperty } from '@nestjs/swagger';
import type { ApiModuleEntity } from 'src/api-modules/api-module.entity.js';

export class ApiModuleResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() sortOrder: number;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ description: 'APIs in the module' }) apiCount: number;
  @ApiProperty({ description: 'APIs in the module with a published version' }) publishedApiCount: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toApiModuleResponse = (m: ApiModuleEntity, counts: { apiCount: number; publishedApiCount: number } = { apiCount: 0, publishedApiCount: 0 }): ApiModuleResponseDto => ({
  id: m.id,
  name: m.name,
  description: m.description,
  sortOrder: m.sortOrder,
  isActive: m.isActive,
  apiCount: counts.apiCount,
  publishedApiCount: counts.publishedApiCount,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

export class ApiModulePageDto {
  @ApiProperty({ type: [ApiModuleResponseDto] }) items: ApiModuleResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
