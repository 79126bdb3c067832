import { Module } from '@nestjs/common';
import { RateLimitModule } from 'src/common/rate-limit/rate-limit.module.js';
import { EnginesModule } from 'src/engines/engines.module.js';
import { AccessLogWriter } from 'src/access-logs/access-log.writer.js';
import { AccessLogSink } from 'src/gateway/access-log.sink.js';
import { CatalogueRepository } from 'src/gateway/catalogue/catalogue.repository.js';
import { RuntimeCatalogue } from 'src/gateway/catalogue/runtime-catalogue.js';
import { ClientTokenVerifier } from 'src/gateway/client-token.verifier.js';
import { GatewayMetrics } from 'src/gateway/gateway.metrics.js';
import { GatewayPipeline } from 'src/gateway/gateway.pipeline.js';
import { GatewayRoute } from 'src/gateway/gateway.route.js';
import { AccessLogStage } from 'src/gateway/stages/access-log.stage.js';
import { AdmissionStage } from 'src/gateway/stages/admission.stage.js';
import { AuthenticateClientStage } from 'src/gateway/stages/authenticate-client.stage.js';
import { AuthoriseClientStage } from 'src/gateway/stages/authorise-client.stage.js';
import { BindParamsStage } from 'src/gateway/stages/bind-params.stage.js';
import { ExecuteStage } from 'src/gateway/stages/execute.stage.js';
import { ResolveApiStage } from 'src/gateway/stages/resolve-api.stage.js';
import { TokenService } from 'src/tokens/token.service.js';
import { TokensModule } from 'src/tokens/tokens.module.js';

/** The gateway runtime on `/api/*`: catalogue, stages, pipeline and the Fastify route. */
@Module({
  imports: [EnginesModule, RateLimitModule, TokensModule],
  providers: [
    CatalogueRepository,
    RuntimeCatalogue,
    { provide: ClientTokenVerifier, useExisting: TokenService },
    { provide: AccessLogSink, useExisting: AccessLogWriter },
    GatewayMetrics,
    ResolveApiStage,
    AuthenticateClientStage,
    AuthoriseClientStage,
    AdmissionStage,
    BindParamsStage,
    ExecuteStage,
    AccessLogStage,
    GatewayPipeline,
    GatewayRoute,
  ],
  exports: [RuntimeCatalogue, AccessLogSink],
})
export class GatewayModule {}
