import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { PARAM_LOCATIONS, PARAM_TYPES } from 'src/apis/api-definition.js';
import type { ParamLocation, ParamType } from 'src/apis/api-snapshot.js';

const ANY_JSON = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object' }] };
const ITEM_TYPES = PARAM_TYPES.filter((t) => t !== 'array' && t !== 'object');

/** One typed parameter (DESIGN §8); cross-field rules are checked by checkParamDefinitions. */
export class ApiParamDefinitionDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: PARAM_LOCATIONS })
  @IsIn(PARAM_LOCATIONS)
  location: ParamLocation;

  @ApiProperty({ enum: PARAM_TYPES })
  @IsIn(PARAM_TYPES)
  type: ParamType;

  @ApiPropertyOptional({ enum: ITEM_TYPES, description: 'Element type when type is array' })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  items?: Exclude<ParamType, 'array' | 'object'>;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ ...ANY_JSON, description: 'Used when the value is missing; must be of the declared type' })
  @Allow()
  default?: unknown;

  @ApiPropertyOptional({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  enum?: (string | number)[];

  @ApiPropertyOptional() @IsOptional() @IsNumber() minimum?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() maximum?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) minLength?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) maxLength?: number;

  @ApiPropertyOptional({ description: 'JavaScript regular expression (u flag) the string must match' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  pattern?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ ...ANY_JSON, description: 'Shown in the OpenAPI document of published APIs' })
  @Allow()
  example?: unknown;

  @ApiPropertyOptional({ description: 'Masked in access logs', default: false })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;
}

export class ApiValidatorDefinitionDto {
  @ApiProperty({ type: String, nullable: true, description: 'Parameter validated; null validates the whole parameter object' })
  @IsOptional()
  @IsString()
  param: string | null;

  @ApiProperty({ description: 'JavaScript: a `validate(value, params)` function or a body returning true/false' })
  @IsString()
  @MaxLength(100_000)
  code: string;

  @ApiPropertyOptional({ description: 'Message when the function returns false' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}
