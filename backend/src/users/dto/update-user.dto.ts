import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from 'src/auth/dto/change-password.dto.js';
import { Optional } from 'src/common/validation/decorators.js';
import { CreateUserDto } from 'src/users/dto/create-user.dto.js';

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['password'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: 'Sets a new password and ends the user\'s sessions' })
  @Optional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(1024)
  password?: string;
}
