import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';

export class ListMacrosQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['sql', 'script'] }) @IsOptional() @IsIn(['sql', 'script']) kind?: 'sql' | 'script';

  @ApiPropertyOptional({ description: 'A module id, or "global" for global macros' })
  @IsOptional()
  @IsString()
  @Matches(/^(global|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'moduleId must be a module id or global' })
  moduleId?: string;

  @ApiPropertyOptional({ enum: ['draft', 'published'] }) @IsOptional() @IsIn(['draft', 'published']) status?: 'draft' | 'published';
}
