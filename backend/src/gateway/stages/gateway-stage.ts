import type { GatewayContext } from 'src/gateway/gateway-context.js';

/** One step of the gateway pipeline; throws GatewayException (or sets `ctx.envelope`) to answer early. A promise it returns is awaited; its value is ignored. */
export interface GatewayStage {
  readonly name: string;
  run(ctx: GatewayContext): void | Promise<unknown>;
}
