import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsArray, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional, TrimmedName } from 'src/common/validation/decorators.js';
import { ACTIONS, RESOURCE_TYPES, type Action, type PermissionEntity, type ResourceType } from 'src/roles/permission.entity.js';
import type { RoleEntity } from 'src/roles/role.entity.js';

export class CreateRoleDto {
  @TrimmedName(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsArray()
  @IsUUID('all', { each: true })
  permissionIds?: string[];
}

export class UpdateRoleDto extends PartialType(CreateRoleDto, { skipNullProperties: false }) {}

export class RoleResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() isSystem: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) permissionIds: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export const toRoleResponse = (r: RoleEntity): RoleResponseDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  isSystem: r.isSystem,
  permissionIds: (r.permissions ?? []).map((p) => p.id),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export class RolePageDto {
  @ApiProperty({ type: [RoleResponseDto] }) items: RoleResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CreatePermissionDto {
  @ApiProperty({ enum: RESOURCE_TYPES })
  @IsIn(RESOURCE_TYPES)
  resourceType: ResourceType;

  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS)
  action: Action;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Grant on one object; omit for every object of the type' })
  @Optional()
  @IsUUID()
  resourceId?: string;
}

export class PermissionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RESOURCE_TYPES }) resourceType: ResourceType;
  @ApiProperty({ enum: ACTIONS }) action: Action;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resourceId: string | null;
}

export const toPermissionResponse = (p: PermissionEntity): PermissionResponseDto => ({
  id: p.id,
  resourceType: p.resourceType,
  action: p.action,
  resourceId: p.resourceId,
});
