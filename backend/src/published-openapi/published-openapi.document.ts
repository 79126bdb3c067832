import type { ResultColumn } from 'src/apis/api-result-schema.store.js';
import type { ApiParamDefinition, ParamType } from 'src/apis/api-snapshot.js';
import type { PublishedApi } from 'src/published-openapi/published-openapi.repository.js';

type Schema = Record<string, unknown>;

export interface DocumentOptions {
  /** Absolute origin of this server, e.g. https://qg.example.com. */
  origin: string;
  /** Row columns known from the last successful test run of a published version, if any. */
  columnsOf: (api: PublishedApi) => ResultColumn[] | null;
  /** Set when the document is filtered for one client. */
  clientId?: string;
}

function typeSchema(type: ParamType): Schema {
  switch (type) {
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'array':
      return { type: 'array', items: { type: 'string' } };
    default:
      return { type };
  }
}

/** JSON Schema of one parameter definition: type, format, constraints, default and example. */
export function paramSchema(p: ApiParamDefinition): Schema {
  const schema: Schema = typeSchema(p.type);
  if (p.type === 'array') schema.items = typeSchema(p.items ?? 'string');
  if (p.minimum !== undefined) schema.minimum = p.minimum;
  if (p.maximum !== undefined) schema.maximum = p.maximum;
  if (p.minLength !== undefined) schema[p.type === 'array' ? 'minItems' : 'minLength'] = p.minLength;
  if (p.maxLength !== undefined) schema[p.type === 'array' ? 'maxItems' : 'maxLength'] = p.maxLength;
  if (p.pattern !== undefined) schema.pattern = p.pattern;
  if (p.enum !== undefined) schema.enum = p.enum;
  if (p.default !== undefined && p.default !== null) schema.default = p.default;
  if (p.example !== undefined && p.example !== null) schema.examples = [p.example];
  if (p.description) schema.description = p.description;
  return schema;
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Bad parameters (`errors` lists one entry per parameter)',
  '404': 'No such published API',
  '429': 'Rate limit reached (see Retry-After)',
  '500': 'Internal error',
  '503': 'Concurrency limit or data source saturated',
  '504': 'Statement timeout',
};

const envelopeSchemas = (): Record<string, Schema> => ({
  Envelope: {
    type: 'object',
    required: ['success', 'message', 'data'],
    properties: {
      success: { type: 'boolean' },
      message: { type: ['string', 'null'] },
      data: { type: 'array', items: {} },
      truncated: { type: 'boolean', description: 'Present (true) when the row cap cut the result' },
    },
    additionalProperties: true,
    description: 'Gateway envelope; transforms and scripts may add top-level keys (total, limit, …)',
  },
  ErrorEnvelope: {
    type: 'object',
    required: ['success', 'message', 'data', 'code'],
    properties: {
      success: { const: false },
      message: { type: ['string', 'null'] },
      data: { type: 'array', maxItems: 0 },
      code: { type: 'string', examples: ['RATE_LIMITED'] },
      errors: { type: 'array', items: { $ref: '#/components/schemas/ParamError' } },
    },
  },
  ParamError: { type: 'object', required: ['param', 'message'], properties: { param: { type: 'string' }, message: { type: 'string' } } },
});

function operationId(api: PublishedApi, taken: Set<string>): string {
  const words = `${api.method.toLowerCase()} ${api.path}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const base = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}

function operation(api: PublishedApi, options: DocumentOptions, taken: Set<string>): Schema {
  const { snapshot } = api;
  const parameters = snapshot.params
    .filter((p) => p.location !== 'body')
    .map((p) => ({
      name: p.name,
      in: p.location,
      required: p.location === 'path' ? true : p.required && (p.default === undefined || p.default === null),
      ...(p.description ? { description: p.description } : {}),
      schema: paramSchema(p),
      ...(p.example !== undefined && p.example !== null ? { example: p.example } : {}),
    }));
  const bodyParams = snapshot.params.filter((p) => p.location === 'body');
  const columns = options.columnsOf(api);
  const row: Schema = columns
    ? { type: 'object', properties: Object.fromEntries(columns.map((c) => [c.name, c.type === 'null' ? {} : { type: [c.type, 'null'] }])) }
    : { type: 'object', additionalProperties: true, description: 'Row schema unknown until the version is run in the test console' };
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } };
  const responses: Record<string, Schema> = {
    '200': {
      description: 'Success',
      content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Envelope' }, { type: 'object', properties: { data: { type: 'array', items: row } } }] } } },
    },
  };
  if (snapshot.accessType === 'private') {
    responses['401'] = { description: 'No, invalid, expired or revoked token', ...error };
    responses['403'] = { description: 'The client may not call this API', ...error };
  }
  for (const [status, description] of Object.entries(ERROR_STATUSES)) responses[status] = { description, ...error };
  return {
    operationId: operationId(api, taken),
    summary: api.name,
    ...(api.description ? { description: api.description } : {}),
    tags: [api.moduleName],
    parameters,
    ...(bodyParams.length
      ? {
          requestBody: {
            required: bodyParams.some((p) => p.required && (p.default === undefined || p.default === null)),
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(bodyParams.map((p) => [p.name, paramSchema(p)])),
                  required: bodyParams.filter((p) => p.required && (p.default === undefined || p.default === null)).map((p) => p.name),
                },
              },
            },
          },
        }
      : {}),
    responses,
    security: snapshot.accessType === 'private' ? [{ clientCredentials: [] }, { bearerToken: [] }] : [],
    'x-querygate-api-id': api.id,
    'x-querygate-version': api.version,
  };
}

/** The OpenAPI 3.1 document of published APIs (one operation per API; paths relative to the /api server). */
export function buildPublishedDocument(apis: PublishedApi[], options: DocumentOptions): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  const taken = new Set<string>();
  for (const api of apis) {
    const key = `/${api.path}`;
    paths[key] ??= {};
    paths[key][api.method.toLowerCase()] = operation(api, options, taken);
  }
  const tokenUrl = `${options.origin}/token`;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Querygate published APIs',
      version: '1',
      description: `${options.clientId ? `APIs client ${options.clientId} may call. ` : ''}Private APIs need a client token: POST ${tokenUrl} (client credentials), then send Authorization: Bearer <token>. Responses use the envelope {success, message, data}.`,
    },
    servers: [{ url: `${options.origin}/api` }],
    tags: [...new Set(apis.map((a) => a.moduleName))].map((name) => ({ name })),
    paths,
    components: {
      schemas: envelopeSchemas(),
      securitySchemes: {
        clientCredentials: { type: 'oauth2', description: 'Client-credentials grant (RFC 6749 §4.4)', flows: { clientCredentials: { tokenUrl, scopes: {} } } },
        bearerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `A token from ${tokenUrl} (or ${options.origin}/api/token/generate)` },
      },
    },
  };
}
