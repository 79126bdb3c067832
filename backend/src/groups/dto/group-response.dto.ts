import { ApiProperty } from '@nestjs/swagger';
import type { GroupEntity } from 'src/groups/group.entity.js';

export class GroupResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'An inactive group grants nothing: clients in it cannot call its APIs through it.' }) isActive: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) apiIds: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toGroupResponse = (group: GroupEntity, apiIds: string[]): GroupResponseDto => ({
  id: group.id,
  name: group.name,
  description: group.description,
  isActive: group.isActive,
  apiIds,
  createdAt: group.createdAt,
  updatedAt: group.updatedAt,
});

export class GroupPageDto {
  @ApiProperty({ type: [GroupResponseDto] }) items: GroupResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
