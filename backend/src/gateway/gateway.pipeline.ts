/**
 * The gateway: every `/api/*` call runs these stages in this order, each small and single-purpose.
 *
 * Flow: client IP (Fastify, X-Forwarded-For only from TRUSTED_PROXIES) → resolve-api (published route of
 * an active module, else 404) → authenticate-client (private APIs: Bearer or raw EdDSA JWT, active client,
 * secret not rotated since issue, else 401) → authorise-client (IP allow-list, direct link or active
 * group, else 403) → admission (a concurrency slot per client/IP, else 503; then the API budget per caller
 * and the client budget, else 429 + Retry-After; a refusal takes nothing; one Redis script for a client)
 * → bind-params (declared, typed, validated, else 400) → execute
 * (stream, cache or ApiRunner: validators → engine → transform) → respond (envelope, naming, CSV/NDJSON,
 * compression) → access-log (always, also for rejections). A stage answers early by throwing a
 * GatewayException. The slot is released when the answer has been sent. Nothing here reads the app DB.
 */
import { Injectable } from '@nestjs/common';
import { AppConfigService } from 'src/config/app-config.service.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { errorEnvelope } from 'src/gateway/gateway-response.js';
import { GatewayErrors, GatewayException, externalMessage } from 'src/gateway/gateway.errors.js';
import { GatewayMetrics } from 'src/gateway/gateway.metrics.js';
import { AccessLogStage } from 'src/gateway/stages/access-log.stage.js';
import { AdmissionStage } from 'src/gateway/stages/admission.stage.js';
import { AuthenticateClientStage } from 'src/gateway/stages/authenticate-client.stage.js';
import { AuthoriseClientStage } from 'src/gateway/stages/authorise-client.stage.js';
import { BindParamsStage } from 'src/gateway/stages/bind-params.stage.js';
import { ExecuteStage } from 'src/gateway/stages/execute.stage.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';
import { ResolveApiStage } from 'src/gateway/stages/resolve-api.stage.js';

@Injectable()
export class GatewayPipeline {
  readonly stages: readonly GatewayStage[];
  private readonly exposeDetail: boolean;

  constructor(
    resolve: ResolveApiStage,
    authenticate: AuthenticateClientStage,
    authorise: AuthoriseClientStage,
    admission: AdmissionStage,
    bind: BindParamsStage,
    execute: ExecuteStage,
    readonly accessLog: AccessLogStage,
    private readonly metrics: GatewayMetrics,
    config: AppConfigService,
  ) {
    this.stages = [resolve, authenticate, authorise, admission, bind, execute];
    this.exposeDetail = config.get('isDevelopment');
  }

  /**
   * Runs the stages up to `execute`; afterwards `ctx` holds the answer (or an error envelope). Synchronous
   * until a stage answers with a promise (most calls: only `execute`); the promise never rejects.
   */
  run(ctx: GatewayContext): void | Promise<void> {
    return this.runFrom(ctx, 0);
  }

  private runFrom(ctx: GatewayContext, from: number): void | Promise<void> {
    try {
      for (let i = from; i < this.stages.length; i++) {
        const pending = this.stages[i].run(ctx);
        if (pending) return pending.then(i + 1 < this.stages.length ? () => this.runFrom(ctx, i + 1) : undefined, (err: unknown) => this.fail(ctx, err));
      }
    } catch (err) {
      this.fail(ctx, err);
    }
  }

  /** Turns an exception into the error envelope: external message unless in development. */
  fail(ctx: GatewayContext, err: unknown): void {
    ctx.stream = null;
    if (err instanceof GatewayException) {
      ctx.status = err.status;
      ctx.errorCode = err.code;
      ctx.errorDetail = err.message;
      this.metrics.rejections.inc({ reason: err.code });
      const message = err.code === 'PARAMS_INVALID' ? 'Invalid parameters' : this.exposeDetail ? err.message : GatewayErrors[err.code].message;
      ctx.envelope = errorEnvelope(err.code, message, err.errors);
      return;
    }
    const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : 500;
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'INTERNAL_ERROR';
    ctx.status = status;
    ctx.errorCode = code;
    ctx.errorDetail = err instanceof Error ? err.message : String(err);
    ctx.envelope = errorEnvelope(code, this.exposeDetail ? ctx.errorDetail : externalMessage(status));
  }
}
