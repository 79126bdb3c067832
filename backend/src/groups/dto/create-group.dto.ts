import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional, TrimmedName } from 'src/common/validation/decorators.js';

export class CreateGroupDto {
  @TrimmedName(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ default: true, description: 'An inactive group grants nothing: its APIs are not callable through it.' })
  @Optional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'APIs of the group (replaces the whole set on update)' })
  @Optional()
  @IsArray()
  @IsUUID('all', { each: true })
  apiIds?: string[];
}
