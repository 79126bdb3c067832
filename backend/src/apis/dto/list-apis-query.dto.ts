import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { API_METHODS, type ApiMethod } from 'src/apis/api.entity.js';
import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';

export class ListApisQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() moduleId?: string;
  @ApiPropertyOptional({ enum: ['draft', 'published'] }) @IsOptional() @IsIn(['draft', 'published']) status?: 'draft' | 'published';
  @ApiPropertyOptional({ enum: API_METHODS }) @IsOptional() @IsIn(API_METHODS) method?: ApiMethod;
  @ApiPropertyOptional({ enum: ['sql', 'script'] }) @IsOptional() @IsIn(['sql', 'script']) engine?: 'sql' | 'script';
  @ApiPropertyOptional({ enum: ['public', 'private'] }) @IsOptional() @IsIn(['public', 'private']) accessType?: 'public' | 'private';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() datasourceId?: string;
}
