import { Injectable } from '@nestjs/common';
import { bindParams } from 'src/apis/params/param-binder.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

/** Reads, coerces and validates the declared parameters before anything runs → 400 with errors[]. */
@Injectable()
export class BindParamsStage implements GatewayStage {
  readonly name = 'bind-params';

  run(ctx: GatewayContext): void {
    const { values, errors } = bindParams(ctx.api!.snapshot.params ?? [], {
      query: ctx.query,
      body: ctx.body,
      path: ctx.pathParams,
      headers: ctx.headers as Record<string, string | string[] | undefined>,
    });
    ctx.params = values;
    if (errors.length) throw new GatewayException('PARAMS_INVALID', 'invalid parameters', errors);
  }
}
