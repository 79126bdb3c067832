import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/auth/permissions.decorator.js';
import { DASHBOARD_DIR } from 'src/dashboard/dashboard-dir.js';
import { Inject } from '@nestjs/common';

const RESERVED = /^\/(admin|api|token|health|metrics|\.well-known)(\/|$|\?)/;

/** Serves the dashboard's index.html for every client-side route (the SPA fallback); assets are static files. */
@ApiExcludeController()
@Controller()
export class DashboardController {
  private readonly indexHtml: string | null;

  constructor(@Inject(DASHBOARD_DIR) dir: string | null) {
    const file = dir ? join(dir, 'index.html') : null;
    this.indexHtml = file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  @Get()
  @Public()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.serve(req, reply);
  }

  @Get('*')
  @Public()
  fallback(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.serve(req, reply);
  }

  private serve(req: FastifyRequest, reply: FastifyReply) {
    if (!this.indexHtml || RESERVED.test(req.url)) throw new NotFoundException();
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(this.indexHtml);
  }
}
