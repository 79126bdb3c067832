import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { generateSecret } from 'src/common/crypto/password.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { UsersRepository } from 'src/users/users.repository.js';
import { UsersService } from 'src/users/users.service.js';

/**
 * Creates the first admin (superuser with the Admin role) when there are no users: ADMIN_EMAIL and
 * ADMIN_PASSWORD, or a random password printed once on the console. There is no default password.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    private readonly repo: UsersRepository,
    private readonly users: UsersService,
    private readonly config: AppConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repo.count()) > 0) return;
    const email = this.config.get('adminEmail').toLowerCase();
    const given = this.config.get('adminPassword');
    const password = given ?? generateSecret(18);
    const admin = await this.repo.roleByName('Admin');
    await this.users.create({ email, name: 'Administrator', password, isActive: true, isSuperuser: true, roleIds: admin ? [admin.id] : [] }, null);
    this.logger.log(`Created the first admin ${email}`);
    if (!given) {
      // Printed once, straight to the console, never through the structured log.
      process.stdout.write(
        `\n  Querygate first admin\n    email:    ${email}\n    password: ${password}\n  (shown once; change it under Settings)\n\n`,
      );
    }
  }
}
