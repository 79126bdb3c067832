import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApiModulesService } from 'src/api-modules/api-modules.service.js';
import { ApiVersionsWorkflow } from 'src/apis/api-versions.workflow.js';
import { ApisService } from 'src/apis/apis.service.js';
import { AuthUser } from 'src/auth/auth-user.js';
import { ClientsService } from 'src/clients/clients.service.js';
import { DemoDatasourceService } from 'src/datasources/demo-datasource.service.js';
import { GroupsService } from 'src/groups/groups.service.js';
import { SAMPLE_APIS } from 'src/samples/sample-apis.js';
import { SamplesRepository } from 'src/samples/samples.repository.js';

export const SAMPLES_MODULE = 'Samples';

/** The seeding runs as this built-in actor; audit rows name it. */
const SYSTEM = new AuthUser('00000000-0000-0000-0000-000000000000', 'system@querygate.local', 'Querygate samples', true, '', []);

/**
 * Embedded first start with SEED_SAMPLES: over the Demo data source, a "Samples" module with published
 * APIs, a "Samples" group and a sample client whose secret is printed once beside the admin password.
 * Runs once: an existing "Samples" module (even renamed content) means it is done.
 */
@Injectable()
export class SamplesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SamplesService.name);

  constructor(
    private readonly demo: DemoDatasourceService,
    private readonly repo: SamplesRepository,
    private readonly modules: ApiModulesService,
    private readonly apis: ApisService,
    private readonly versions: ApiVersionsWorkflow,
    private readonly groups: GroupsService,
    private readonly clients: ClientsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const datasourceId = await this.demo.datasourceId();
    if (!datasourceId || (await this.repo.moduleExists(SAMPLES_MODULE))) return;
    try {
      await this.seed(datasourceId);
    } catch (e) {
      this.logger.error(`Could not seed the samples: ${(e as Error).message}`);
    }
  }

  private async seed(datasourceId: string): Promise<void> {
    const module = await this.modules.create({ name: SAMPLES_MODULE, description: 'Sample APIs over the bundled Demo database', sortOrder: 0, isActive: true }, SYSTEM);
    const apiIds: string[] = [];
    let client;
    try {
      for (const sample of SAMPLE_APIS) {
        const api = await this.apis.create({ ...sample, moduleId: module.id, datasourceId }, SYSTEM);
        apiIds.push(api.id);
        const version = await this.versions.create(api.id, 'Sample API', SYSTEM);
        await this.versions.publish(api.id, version.id, SYSTEM);
      }
      const group = await this.groups.create({ name: SAMPLES_MODULE, description: 'The sample APIs', isActive: true, apiIds }, SYSTEM);
      client = await this.clients.create({ name: 'Sample client', description: 'Calls the sample APIs', groupIds: [group.id] }, SYSTEM);
    } catch (e) {
      // Leave nothing half-made, so the next start tries again.
      await this.repo.removeSamples(SAMPLES_MODULE, apiIds);
      throw e;
    }
    this.logger.log(`Seeded the samples: module "${SAMPLES_MODULE}", ${apiIds.length} published APIs, a group and a client`);
    // Shown once, straight to the console, never through the structured log.
    process.stdout.write(
      `\n  Querygate sample client (calls the APIs of module "Samples")\n    client_id:     ${client.clientId}\n    client_secret: ${client.clientSecret}\n  (shown once; rotate it under Clients)\n\n`,
    );
  }
}
