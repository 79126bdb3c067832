/** The parts of the published OpenAPI 3.1 document (GET /api/openapi.json) the catalogue shows. */
export interface CatalogueParam {
  name: string;
  in: 'query' | 'path' | 'header' | 'body';
  required: boolean;
  type: string;
  description?: string;
  example?: unknown;
}

export interface CatalogueOperation {
  key: string;
  method: string;
  /** Gateway path as published, e.g. /api/orders/{id}. */
  path: string;
  summary: string;
  description: string;
  tag: string;
  private: boolean;
  params: CatalogueParam[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function schemaType(schema: unknown): string {
  if (!isObj(schema)) return 'string';
  if (schema.type === 'array') return `array<${schemaType(schema.items)}>`;
  if (typeof schema.format === 'string' && ['date', 'date-time', 'uuid'].includes(schema.format)) return schema.format;
  return typeof schema.type === 'string' ? schema.type : 'string';
}

export function parseOperations(doc: unknown): CatalogueOperation[] {
  if (!isObj(doc) || !isObj(doc.paths)) return [];
  const ops: CatalogueOperation[] = [];
  const server = Array.isArray(doc.servers) && isObj(doc.servers[0]) && typeof doc.servers[0].url === 'string' ? doc.servers[0].url : '';
  // Paths are relative to the server URL (…/api); keep only its path part so calls stay on this origin.
  const prefix = server ? new URL(server, 'http://placeholder').pathname.replace(/\/$/, '') : '';
  for (const [relative, item] of Object.entries(doc.paths)) {
    const path = `${prefix}${relative}`;
    if (!isObj(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!isObj(op) || !['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: CatalogueParam[] = (Array.isArray(op.parameters) ? op.parameters : []).filter(isObj).map((p) => ({
        name: String(p.name),
        in: p.in as CatalogueParam['in'],
        required: p.required === true,
        type: schemaType(p.schema),
        description: typeof p.description === 'string' ? p.description : undefined,
        example: p.example ?? (isObj(p.schema) ? p.schema.example : undefined),
      }));
      const body = isObj(op.requestBody) && isObj(op.requestBody.content) ? op.requestBody.content['application/json'] : undefined;
      const bodySchema = isObj(body) && isObj(body.schema) ? body.schema : undefined;
      if (bodySchema && isObj(bodySchema.properties)) {
        const required = Array.isArray(bodySchema.required) ? bodySchema.required : [];
        for (const [name, s] of Object.entries(bodySchema.properties)) {
          params.push({ name, in: 'body', required: required.includes(name), type: schemaType(s), description: isObj(s) && typeof s.description === 'string' ? s.description : undefined, example: isObj(s) ? s.example : undefined });
        }
      }
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: typeof op.summary === 'string' ? op.summary : path,
        description: typeof op.description === 'string' ? op.description : '',
        tag: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'APIs',
        private: Array.isArray(op.security) && op.security.length > 0,
        params,
      });
    }
  }
  return ops.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The URL and body of a call with the given values (path segments substituted, query encoded). */
export function buildRequest(op: CatalogueOperation, origin: string, values: Record<string, string>) {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const p of op.params) {
    const value = values[p.name];
    if (value === undefined || value === '') continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.in === 'query') query.append(p.name, value);
    else if (p.in === 'header') headers[p.name] = value;
    else body[p.name] = p.type === 'integer' || p.type === 'number' ? Number(value) : p.type === 'boolean' ? value === 'true' : value;
  }
  const qs = query.toString();
  return { url: `${origin}${path}${qs ? `?${qs}` : ''}`, headers, body: Object.keys(body).length ? body : undefined };
}
