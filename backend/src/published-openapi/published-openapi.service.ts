import { Injectable } from '@nestjs/common';
import { ApiResultSchemaStore } from 'src/apis/api-result-schema.store.js';
import { issuedBeforeRotation } from 'src/tokens/token-claims.js';
import { TokenService } from 'src/tokens/token.service.js';
import { buildPublishedDocument } from 'src/published-openapi/published-openapi.document.js';
import { PublishedOpenApiRepository } from 'src/published-openapi/published-openapi.repository.js';

export type PublishedDocumentResult = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

@Injectable()
export class PublishedOpenApiService {
  constructor(
    private readonly repo: PublishedOpenApiRepository,
    private readonly tokens: TokenService,
    private readonly schemas: ApiResultSchemaStore,
  ) {}

  /**
   * Every published API of an active module; with a client token (Bearer or raw, as on the gateway) only the
   * public APIs and the private ones the client may call (direct links ∪ its active groups). A token that
   * does not verify, or belongs to an inactive or rotated client, is refused.
   */
  async document(origin: string, authorization: string | undefined): Promise<PublishedDocumentResult> {
    let allowed: Set<string> | null = null;
    let clientId: string | undefined;
    if (authorization) {
      const token = authorization.slice(0, 7).toLowerCase() === 'bearer ' ? authorization.slice(7).trim() : authorization.trim();
      let claims;
      try {
        claims = await this.tokens.verify(token);
      } catch {
        return { ok: false, reason: 'invalid token' };
      }
      const access = await this.repo.clientAccess(claims.sub);
      if (!access?.isActive || issuedBeforeRotation(claims, access.secretRotatedAt)) return { ok: false, reason: 'unknown, inactive or rotated client' };
      allowed = access.apiIds;
      clientId = claims.sub;
    }
    const apis = (await this.repo.publishedApis()).filter((a) => !allowed || a.snapshot.accessType === 'public' || allowed.has(a.id));
    return { ok: true, document: buildPublishedDocument(apis, { origin, clientId, columnsOf: (api) => this.schemas.get(api.id, api.snapshot) }) };
  }
}
