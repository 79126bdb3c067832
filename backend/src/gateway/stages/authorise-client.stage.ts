import { Injectable } from '@nestjs/common';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

/** The client's IP allow-list, then a direct link to the API or a link through an active group → else 403. */
@Injectable()
export class AuthoriseClientStage implements GatewayStage {
  readonly name = 'authorise-client';

  run(ctx: GatewayContext): void {
    const client = ctx.client;
    if (!client) return;
    if (client.allowedIps && !client.allowedIps(ctx.ip)) throw new GatewayException('IP_NOT_ALLOWED', `address ${ctx.ip} not in the client's allow-list`);
    if (!client.allowedApiIds.has(ctx.api!.id)) throw new GatewayException('FORBIDDEN', 'client not linked to this API');
  }
}
