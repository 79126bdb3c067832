import { Module } from '@nestjs/common';
import { AuthModule } from 'src/auth/auth.module.js';
import { FirstAdminService } from 'src/users/first-admin.service.js';
import { UsersController } from 'src/users/users.controller.js';
import { UsersRepository } from 'src/users/users.repository.js';
import { UsersService } from 'src/users/users.service.js';

@Module({
  imports: [AuthModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, FirstAdminService],
  exports: [UsersService],
})
export class UsersModule {}
