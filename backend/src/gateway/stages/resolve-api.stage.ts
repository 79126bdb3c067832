import { Injectable } from '@nestjs/common';
import { RuntimeCatalogue } from 'src/gateway/catalogue/runtime-catalogue.js';
import type { GatewayContext, ResponseFormat } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

function formatOf(accept: string | undefined): ResponseFormat {
  if (!accept) return 'json';
  if (accept.includes('text/csv')) return 'csv';
  if (accept.includes('application/x-ndjson')) return 'ndjson';
  return 'json';
}

/** Finds the published route for (method, path): unknown path, unpublished API or wrong method → 404. */
@Injectable()
export class ResolveApiStage implements GatewayStage {
  readonly name = 'resolve-api';
  constructor(private readonly catalogue: RuntimeCatalogue) {}

  run(ctx: GatewayContext): void {
    const match = this.catalogue.state.routes.match(ctx.method, ctx.path);
    if (!match) throw new GatewayException('NOT_FOUND', `no published API for ${ctx.method} /api/${ctx.path}`);
    ctx.api = match.value;
    ctx.pathParams = match.params;
    ctx.camel = ctx.query.naming === 'camel' || ctx.headers['x-response-naming'] === 'camel';
    ctx.format = formatOf(ctx.headers.accept);
  }
}
