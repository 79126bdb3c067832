import type { ConnectionTestResponseDto, CreateDatasourceDtoWritable, DatasourceOptionsDto, DatasourceResponseDto } from '@/api/client';

export type DatasourceType = DatasourceResponseDto['type'];
export type DatasourceOptions = DatasourceOptionsDto;
export type Datasource = DatasourceResponseDto;
export type DatasourceInput = CreateDatasourceDtoWritable;
export type ConnectionTestResult = ConnectionTestResponseDto;
