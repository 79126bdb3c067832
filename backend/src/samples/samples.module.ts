import { Module } from '@nestjs/common';
import { ApiModulesModule } from 'src/api-modules/api-modules.module.js';
import { ApisModule } from 'src/apis/apis.module.js';
import { ClientsModule } from 'src/clients/clients.module.js';
import { DatasourcesModule } from 'src/datasources/datasources.module.js';
import { GroupsModule } from 'src/groups/groups.module.js';
import { SamplesRepository } from 'src/samples/samples.repository.js';
import { SamplesService } from 'src/samples/samples.service.js';

@Module({ imports: [DatasourcesModule, ApiModulesModule, ApisModule, GroupsModule, ClientsModule], providers: [SamplesRepository, SamplesService] })
export class SamplesModule {}
