import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional, TrimmedName } from 'src/common/validation/decorators.js';

export class CreateApiModuleDto {
  @TrimmedName(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'Lists are ordered by sortOrder, then name', default: 0 })
  @Optional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  sortOrder?: number;

  @ApiPropertyOptional({ description: 'An inactive module takes all its APIs off the gateway', default: true })
  @Optional()
  @IsBoolean()
  isActive?: boolean;
}
