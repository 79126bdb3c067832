import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GroupEntity } from 'src/groups/group.entity.js';
import { GroupsController } from 'src/groups/groups.controller.js';
import { GroupsRepository } from 'src/groups/groups.repository.js';
import { GroupsService } from 'src/groups/groups.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([GroupEntity])],
  controllers: [GroupsController],
  providers: [GroupsRepository, GroupsService],
  exports: [GroupsRepository, GroupsService],
})
export class GroupsModule {}
