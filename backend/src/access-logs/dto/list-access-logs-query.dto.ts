import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsIP, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination/page-query.dto.js';

export class AccessLogFiltersDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() apiId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() moduleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'app client (uuid)' }) @IsOptional() @IsUUID() clientId?: string;

  @ApiPropertyOptional({ description: "'success' (< 400), 'fail' (≥ 400) or an exact status code" })
  @IsOptional()
  @Matches(/^(success|fail|[1-5]\d\d)$/, { message: "status must be 'success', 'fail' or a status code" })
  status?: string;

  @ApiPropertyOptional({ enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] })
  @IsOptional()
  @IsIn(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
  method?: string;

  @ApiPropertyOptional({ description: 'Substring of the path' }) @IsOptional() @IsString() @MaxLength(500) path?: string;
  @ApiPropertyOptional() @IsOptional() @IsIP() ip?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive upper bound' }) @IsOptional() @IsDateString() to?: string;
}

export class ListAccessLogsQueryDto extends IntersectionType(PageQueryDto, AccessLogFiltersDto) {}
