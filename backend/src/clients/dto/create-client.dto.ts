import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCidrList } from 'src/clients/dto/cidr.validator.js';
import { Optional, TrimmedName } from 'src/common/validation/decorators.js';

export const TOKEN_TTL_MIN = 60;
export const TOKEN_TTL_MAX = 86400;

/** `null` clears a limit; omitted leaves it unchanged (on update). */
const Nullable = () => ValidateIf((_o, v) => v !== null && v !== undefined);

export class CreateClientDto {
  @TrimmedName(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ default: true, description: 'An inactive client gets no token and its tokens stop working.' })
  @Optional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'Calls per minute across all APIs; null = no client limit' })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rateLimitPerMinute?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'Concurrent calls; null = the gateway default' })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxConcurrent?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: TOKEN_TTL_MIN, maximum: TOKEN_TTL_MAX, description: 'Token lifetime; null = TOKEN_DEFAULT_TTL_SECONDS' })
  @Nullable()
  @IsInt()
  @Min(TOKEN_TTL_MIN)
  @Max(TOKEN_TTL_MAX)
  tokenTtlSeconds?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'IPv4/IPv6 addresses or CIDR ranges allowed to call; empty = any' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsCidrList()
  allowedIps?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Groups (replaces the whole set on update)' })
  @Optional()
  @IsArray()
  @IsUUID('all', { each: true })
  groupIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'APIs linked directly (replaces the whole set on update)' })
  @Optional()
  @IsArray()
  @IsUUID('all', { each: true })
  apiIds?: string[];
}
