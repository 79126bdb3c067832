import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;

  @ApiPropertyOptional({ description: 'Field to sort by; prefix with - for descending, e.g. -createdAt' })
  @IsOptional()
  @IsString()
  @Matches(/^-?[A-Za-z]+$/)
  sort?: string;

  @ApiPropertyOptional({ description: 'Free-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** Resolves `sort` against the fields a list allows; unknown fields fall back to the default. */
export function sortOrder<T extends string>(sort: string | undefined, allowed: readonly T[], fallback: T): { field: T; direction: 'ASC' | 'DESC' } {
  const desc = sort?.startsWith('-') ?? false;
  const field = (sort?.replace(/^-/, '') ?? '') as T;
  return allowed.includes(field) ? { field, direction: desc ? 'DESC' : 'ASC' } : { field: fallback, direction: 'ASC' };
}
