import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class SamplesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async moduleExists(name: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM api_module WHERE lower(name) = lower($1)', [name]);
    return rows.length > 0;
  }

  /** Undoes a failed seeding: its group, APIs (and their versions) and module. */
  async removeSamples(name: string, apiIds: string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('DELETE FROM api_group WHERE lower(name) = lower($1)', [name]);
      await m.query('UPDATE api SET published_version_id = NULL WHERE id = ANY($1::uuid[])', [apiIds]);
      await m.query('DELETE FROM api WHERE id = ANY($1::uuid[])', [apiIds]);
      await m.query('DELETE FROM api_module WHERE lower(name) = lower($1)', [name]);
    });
  }
}
