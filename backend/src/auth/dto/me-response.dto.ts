import { ApiProperty } from '@nestjs/swagger';

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty() isSuperuser: boolean;
  @ApiProperty({ type: [String], description: 'Type-level grants as "resource:action"' }) permissions: string[];
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for automation; the dashboard uses the httpOnly cookie' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ description: 'Seconds until the session expires' }) expiresIn: number;
  @ApiProperty({ type: MeResponseDto }) user: MeResponseDto;
}
