import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from 'src/common/validation/decorators.js';

export class RotateClientSecretDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 86400, default: 0, description: 'Seconds the previous secret keeps working (0 = stops at once)' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(86400)
  graceSeconds?: number;
}
