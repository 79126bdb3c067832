import type { GatewayContext } from 'src/gateway/gateway-context.js';

/** One step of the gateway pipeline; throws GatewayException (or sets `ctx.envelope`) to answer early. */
export interface GatewayStage {
  readonly name: string;
  run(ctx: GatewayContext): void | Promise<void>;
}
