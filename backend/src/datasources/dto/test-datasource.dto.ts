import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CreateDatasourceDto } from 'src/datasources/dto/create-datasource.dto.js';

/** Unsaved settings to try; from an edit form, `id` reuses the stored password when `password` is empty. */
export class TestDatasourceDto extends CreateDatasourceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Saved source whose stored password is used when password is empty (needs datasource:update on it)' })
  @IsOptional()
  @IsUUID()
  id?: string;
}

export class ConnectionTestResponseDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Connection successful, or which failure it was (wrong password, unknown host, refused, timeout…)' }) message: string;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ type: String, nullable: true }) serverVersion: string | null;
}
