import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AccessLogResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() requestId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) apiId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) apiVersionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) moduleId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) clientId: string | null;
  @ApiProperty({ nullable: true, type: String }) clientKey: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty() method: string;
  @ApiProperty() path: string;
  @ApiProperty() status: number;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ nullable: true, type: Number }) rowCount: number | null;
  @ApiProperty({ nullable: true, type: Number }) responseBytes: number | null;
  @ApiProperty() cacheHit: boolean;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'Bound parameters; sensitive ones masked' }) params: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) requestBody?: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'e.g. "GET /orders/{id}"' }) apiDisplay: string | null;
  @ApiProperty({ nullable: true, type: String }) clientName: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogResponseDto] }) items: AccessLogResponseDto[];
  @ApiProperty({ description: 'Matching rows, counted up to 100 000' }) total: number;
  @ApiProperty({ description: 'true when more rows match than were counted' }) totalCapped: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
