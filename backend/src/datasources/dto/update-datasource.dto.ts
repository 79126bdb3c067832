import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { CreateDatasourceDto } from 'src/datasources/dto/create-datasource.dto.js';

/** Every field optional, but only `password` may be null (null clears it). */
export class UpdateDatasourceDto extends PartialType(OmitType(CreateDatasourceDto, ['password'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'password',
    maxLength: 1024,
    writeOnly: true,
    description: 'Absent or "" keeps the stored password; null clears it; any other value replaces it',
  })
  @ValidateIf((_obj, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(1024)
  password?: string | null;
}
