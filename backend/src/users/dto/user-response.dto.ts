import { ApiProperty } from '@nestjs/swagger';
import type { UserEntity } from 'src/users/user.entity.js';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty() isSuperuser: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) roleIds: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toUserResponse = (user: UserEntity): UserResponseDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  isActive: user.isActive,
  isSuperuser: user.isSuperuser,
  roleIds: (user.roles ?? []).map((r) => r.id),
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
