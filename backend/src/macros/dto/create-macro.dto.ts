import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { MacroKind } from 'src/macros/macro.entity.js';
import { Optional } from 'src/common/validation/decorators.js';

export class CreateMacroDto {
  @ApiProperty({ maxLength: 100, description: 'Letters, digits, _ . -; starts with a letter or _ (the name `{% import "name" %}` refers to)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { message: 'name must start with a letter or _ and use letters, digits, _ . -' })
  name: string;

  @ApiProperty({ enum: ['sql', 'script'], description: 'sql: Nunjucks {% macro %} blocks for SQL APIs; script: JS functions for scripts, validators and transforms' })
  @IsIn(['sql', 'script'])
  kind: MacroKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null = global (every module)' })
  @IsOptional()
  @IsUUID()
  moduleId?: string | null;

  @ApiPropertyOptional({ default: '' })
  @Optional()
  @IsString()
  @MaxLength(200_000)
  content?: string;

  @ApiPropertyOptional({ default: '' })
  @Optional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}
