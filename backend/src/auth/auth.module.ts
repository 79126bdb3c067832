import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserSessionEntity } from 'src/auth/user-session.entity.js';
import { UserEntity } from 'src/users/user.entity.js';
import { AuthController } from 'src/auth/auth.controller.js';
import { AuthRepository } from 'src/auth/auth.repository.js';
import { AuthService } from 'src/auth/auth.service.js';
import { DashboardJwtStrategy } from 'src/auth/dashboard-jwt.strategy.js';
import { PermissionsGuard } from 'src/auth/permissions.guard.js';

@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([UserEntity, UserSessionEntity])],
  controllers: [AuthController],
  providers: [AuthRepository, AuthService, DashboardJwtStrategy, { provide: APP_GUARD, useClass: PermissionsGuard }],
  exports: [AuthRepository],
})
export class AuthModule {}
