import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PermissionEntity } from 'src/roles/permission.entity.js';
import { RoleEntity } from 'src/roles/role.entity.js';
import { PermissionsController, RolesController } from 'src/roles/roles.controller.js';
import { RolesRepository } from 'src/roles/roles.repository.js';
import { RolesService } from 'src/roles/roles.service.js';

@Module({ imports: [TypeOrmModule.forFeature([RoleEntity, PermissionEntity])], controllers: [RolesController, PermissionsController], providers: [RolesRepository, RolesService] })
export class RolesModule {}
