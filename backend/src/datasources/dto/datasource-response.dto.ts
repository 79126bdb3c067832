import { ApiProperty } from '@nestjs/swagger';
import type { DatasourceEntity } from 'src/datasources/datasource.entity.js';
import { DATASOURCE_TYPES } from 'src/datasources/dto/create-datasource.dto.js';
import { DatasourceOptionsDto } from 'src/datasources/dto/datasource-options.dto.js';
import type { DatasourceOptions, DatasourceType } from 'src/datasources/external-db/connector.js';

/** A data source as the API shows it: never the password, only whether one is stored. */
export class DatasourceResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DATASOURCE_TYPES }) type: DatasourceType;
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty() database: string;
  @ApiProperty() username: string;
  @ApiProperty({ description: 'A password is stored (it is never returned)' }) hasPassword: boolean;
  @ApiProperty({ type: DatasourceOptionsDto }) options: DatasourceOptions;
  @ApiProperty() poolMax: number;
  @ApiProperty() isActive: boolean;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Increases whenever a setting that affects connections changes' }) revision: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toDatasourceResponse = (ds: DatasourceEntity): DatasourceResponseDto => ({
  id: ds.id,
  name: ds.name,
  type: ds.type,
  host: ds.host,
  port: ds.port,
  database: ds.database,
  username: ds.username,
  hasPassword: ds.passwordEncrypted !== null,
  options: ds.options,
  poolMax: ds.poolMax,
  isActive: ds.isActive,
  description: ds.description,
  revision: ds.revision,
  createdAt: ds.createdAt,
  updatedAt: ds.updatedAt,
});

export class DatasourcePageDto {
  @ApiProperty({ type: [DatasourceResponseDto] }) items: DatasourceResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
