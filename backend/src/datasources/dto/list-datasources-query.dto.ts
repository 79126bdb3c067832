import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';
import { QueryBoolean } from 'src/common/validation/decorators.js';
import { DATASOURCE_TYPES } from 'src/datasources/dto/create-datasource.dto.js';
import type { DatasourceType } from 'src/datasources/external-db/connector.js';

/** `sort`: name (default), type, host, createdAt, updatedAt; `q` searches name, host, database and description. */
export class ListDatasourcesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DATASOURCE_TYPES })
  @IsOptional()
  @IsIn(DATASOURCE_TYPES)
  type?: DatasourceType;

  @QueryBoolean()
  isActive?: boolean;
}
