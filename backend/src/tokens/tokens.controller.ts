import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/auth/permissions.decorator.js';
import { SigningKeysService } from 'src/tokens/signing-keys.service.js';
import { GrantRefused, TokenGrantService } from 'src/tokens/token-grant.service.js';
import { field, isForm, parseBasicAuthorization, repeated } from 'src/tokens/token-request.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'too_many_requests';

/**
 * The client-credentials token endpoints (outside /admin, so not in the management OpenAPI document):
 * `POST /token` (RFC 6749 §4.4, errors per §5.2), `POST /token/generate` and `POST /api/token/generate`
 * (pyDBAPI-compatible), and the JWKS that verifies the tokens.
 */
@ApiExcludeController()
@Controller()
export class TokensController {
  constructor(
    private readonly grants: TokenGrantService,
    private readonly keys: SigningKeysService,
  ) {}

  @Post('token')
  @Public()
  async token(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown, @Headers('authorization') authorization?: string) {
    const fail = (status: number, error: OAuthError, description: string, headers: Record<string, string> = {}) =>
      reply.status(status).headers({ ...NO_STORE, ...headers }).send({ error, error_description: description });

    if (!isForm(req.headers['content-type'])) return fail(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    const twice = repeated(body, ['grant_type', 'client_id', 'client_secret', 'scope']);
    if (twice) return fail(400, 'invalid_request', `Parameter ${twice} is repeated`);
    const grantType = field(body, 'grant_type');
    if (!grantType) return fail(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');

    const basic = parseBasicAuthorization(authorization);
    const formId = field(body, 'client_id');
    const formSecret = field(body, 'client_secret');
    const challenge = { 'www-authenticate': 'Basic realm="querygate", charset="UTF-8"' };
    if (basic === null) return fail(401, 'invalid_client', 'Malformed Basic credentials', challenge);
    if (basic && formSecret !== undefined) return fail(400, 'invalid_request', 'Use one client authentication method: HTTP Basic or form fields');
    const clientId = basic?.clientId ?? formId;
    const secret = basic?.secret ?? formSecret;
    if (!clientId || secret === undefined) return fail(401, 'invalid_client', 'Client authentication is required', challenge);
    if (basic && formId !== undefined && formId !== basic.clientId) return fail(400, 'invalid_request', 'client_id does not match the Basic credentials');

    try {
      const issued = await this.grants.grant(clientId, secret, req.ip);
      return reply.status(200).headers(NO_STORE).send({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn });
    } catch (e) {
      if (!(e instanceof GrantRefused)) throw e;
      if (e.refusal.kind === 'throttled') {
        return fail(429, 'too_many_requests', 'Too many failed attempts; retry later', { 'retry-after': String(e.refusal.retryAfterSeconds) });
      }
      return fail(401, 'invalid_client', 'Invalid client credentials', challenge);
    }
  }

  @Post('token/generate')
  @Public()
  generate(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    return this.generateCompatible(req, reply, body);
  }

  @Post('api/token/generate')
  @Public()
  apiGenerate(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    return this.generateCompatible(req, reply, body);
  }

  @Get('.well-known/jwks.json')
  @Public()
  @HttpCode(200)
  jwks(@Res() reply: FastifyReply) {
    return reply.headers({ 'cache-control': 'public, max-age=60' }).send(this.keys.jwks());
  }

  /** pyDBAPI's answers: `{access_token, token_type: "bearer", expires_in}`, errors `{detail}`. */
  private async generateCompatible(req: FastifyRequest, reply: FastifyReply, body: unknown) {
    const fail = (status: number, detail: string, headers: Record<string, string> = {}) => reply.status(status).headers({ ...NO_STORE, ...headers }).send({ detail });
    const grantType = field(body, 'grant_type') ?? 'client_credentials';
    if (grantType !== 'client_credentials') return fail(400, 'Unsupported grant_type');
    const clientId = field(body, 'client_id');
    const secret = field(body, 'client_secret');
    if (!clientId || !secret) return fail(422, 'client_id and client_secret are required strings');
    try {
      const issued = await this.grants.grant(clientId, secret, req.ip);
      return reply.status(200).headers(NO_STORE).send({ access_token: issued.accessToken, token_type: 'bearer', expires_in: issued.expiresIn });
    } catch (e) {
      if (!(e instanceof GrantRefused)) throw e;
      if (e.refusal.kind === 'throttled') return fail(429, 'Too many requests', { 'retry-after': String(e.refusal.retryAfterSeconds) });
      return fail(401, 'Invalid client_id or client_secret');
    }
  }
}
