import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/auth/permissions.decorator.js';
import { errorEnvelope } from 'src/gateway/gateway-response.js';
import { PublishedOpenApiService } from 'src/published-openapi/published-openapi.service.js';

/** GET /api/openapi.json: a static route, so the gateway's /api/* wildcard does not shadow it. */
@ApiExcludeController()
@Controller('api')
export class PublishedOpenApiController {
  constructor(private readonly published: PublishedOpenApiService) {}

  @Get('openapi.json')
  @Public()
  async document(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Headers('authorization') authorization?: string) {
    const result = await this.published.document(`${req.protocol}://${req.host}`, authorization);
    void reply.header('cache-control', 'no-store');
    if (!result.ok) {
      void reply.status(401);
      return errorEnvelope('UNAUTHORIZED', 'Unauthorized');
    }
    return result.document;
  }
}
