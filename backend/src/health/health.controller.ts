import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Public } from 'src/auth/permissions.decorator.js';
import { REDIS } from 'src/common/redis/redis.module.js';

type Check = { status: 'up' | 'down'; error?: string };

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Get('live')
  @Public()
  live() {
    return { status: 'up' };
  }

  /** 200 when the app database (and Redis, when configured) answer; 503 otherwise. */
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks: Record<string, Check> = { database: await this.check(() => this.db.query('SELECT 1')) };
    if (this.redis) checks.redis = await this.check(() => this.redis!.ping());
    const up = Object.values(checks).every((c) => c.status === 'up');
    void reply.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', checks };
  }

  private async check(fn: () => Promise<unknown>): Promise<Check> {
    try {
      await withTimeout(fn(), 2000);
      return { status: 'up' };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }
}
