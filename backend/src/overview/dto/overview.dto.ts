import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class OverviewRangeQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 7 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days: number = 7;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 10;
}

export class TrafficQueryDto extends OverviewRangeQueryDto {
  @ApiPropertyOptional({ enum: ['hour', 'day'], description: 'Default: hour up to 2 days, day beyond' })
  @IsOptional()
  @IsIn(['hour', 'day'])
  granularity?: 'hour' | 'day';
}

export class TopApisQueryDto extends OverviewRangeQueryDto {
  @ApiPropertyOptional({ enum: ['calls', 'errors'], default: 'calls' })
  @IsOptional()
  @IsIn(['calls', 'errors'])
  by: 'calls' | 'errors' = 'calls';
}

export class LatencyQueryDto extends OverviewRangeQueryDto {
  @ApiPropertyOptional({ enum: ['api', 'client'], default: 'api' })
  @IsOptional()
  @IsIn(['api', 'client'])
  by: 'api' | 'client' = 'api';
}

export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class OverviewStatsDto {
  @ApiProperty() datasources: number;
  @ApiProperty() modules: number;
  @ApiProperty() apisTotal: number;
  @ApiProperty() apisPublished: number;
  @ApiProperty() clients: number;
  @ApiProperty() groups: number;
  @ApiProperty({ description: 'Gateway calls in the last 24 hours' }) requests24h: number;
  @ApiProperty({ description: 'Share of those calls with status ≥ 400 (0–1)' }) errorRate24h: number;
}

export class TrafficPointDto {
  @ApiProperty() bucket: Date;
  @ApiProperty() count: number;
  @ApiProperty() errors: number;
}

export class LatencyFiguresDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Milliseconds (upper bound of the latency bucket holding the percentile)' }) p50: number;
  @ApiProperty() p95: number;
  @ApiProperty() p99: number;
  @ApiProperty() avgMs: number;
}

export class TopApiDto extends LatencyFiguresDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) apiId: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'e.g. "GET /orders/{id}"; null for calls that matched no API' }) apiDisplay: string | null;
  @ApiProperty() errors: number;
  @ApiProperty() errorRate: number;
}

export class LatencyRowDto extends LatencyFiguresDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
}

export class CountByDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class StatusBreakdownDto {
  @ApiProperty({ type: [CountByDto], description: 'keys 2xx, 3xx, 4xx, 5xx' }) byStatusClass: CountByDto[];
  @ApiProperty({ type: [CountByDto] }) byStatus: CountByDto[];
  @ApiProperty({ type: [CountByDto] }) byMethod: CountByDto[];
  @ApiProperty() total: number;
  @ApiProperty() errorRate: number;
  @ApiProperty() avgDurationMs: number;
}

export class RecentCommitDto {
  @ApiProperty({ format: 'uuid' }) apiId: string;
  @ApiProperty() apiName: string;
  @ApiProperty() method: string;
  @ApiProperty() path: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() version: number;
  @ApiProperty() message: string;
  @ApiProperty({ nullable: true, type: String }) authorEmail: string | null;
  @ApiProperty() published: boolean;
  @ApiProperty() createdAt: Date;
}
