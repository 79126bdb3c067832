import { Module, type DynamicModule } from '@nestjs/common';
import { DashboardController } from 'src/dashboard/dashboard.controller.js';
import { DASHBOARD_DIR } from 'src/dashboard/dashboard-dir.js';

@Module({})
export class DashboardModule {
  static forRoot(dir: string | null): DynamicModule {
    return { module: DashboardModule, controllers: [DashboardController], providers: [{ provide: DASHBOARD_DIR, useValue: dir }] };
  }
}
