import { buildRequest, type CatalogueOperation } from '@/features/catalogue/lib/operations';

export type SnippetLanguage = 'curl' | 'javascript' | 'python';

/** Ready-to-run calls; private APIs read the token from the QG_TOKEN environment variable. */
export function snippet(language: SnippetLanguage, op: CatalogueOperation, origin: string, values: Record<string, string>): string {
  const { url, headers, body } = buildRequest(op, origin, values);
  const allHeaders: Record<string, string> = { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) };
  if (language === 'curl') {
    const lines = [`curl -s -X ${op.method} '${url}'`];
    if (op.private) lines.push(`  -H "Authorization: Bearer $QG_TOKEN"`);
    for (const [k, v] of Object.entries(allHeaders)) lines.push(`  -H '${k}: ${v}'`);
    if (body) lines.push(`  -d '${JSON.stringify(body)}'`);
    return lines.join(' \\\n');
  }
  if (language === 'javascript') {
    const h = { ...(op.private ? { Authorization: '`Bearer ${process.env.QG_TOKEN}`' } : {}), ...Object.fromEntries(Object.entries(allHeaders).map(([k, v]) => [k, JSON.stringify(v)])) };
    const headerLines = Object.entries(h).map(([k, v]) => `    ${JSON.stringify(k)}: ${v},`);
    return [
      `const res = await fetch(${JSON.stringify(url)}, {`,
      `  method: '${op.method}',`,
      ...(headerLines.length ? ['  headers: {', ...headerLines, '  },'] : []),
      ...(body ? [`  body: JSON.stringify(${JSON.stringify(body)}),`] : []),
      '});',
      'const { success, message, data } = await res.json();',
    ].join('\n');
  }
  const pyHeaders = [...(op.private ? ['"Authorization": f"Bearer {os.environ[\'QG_TOKEN\']}"'] : []), ...Object.entries(headers).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)];
  return [
    'import os, requests',
    '',
    `res = requests.request(${JSON.stringify(op.method)}, ${JSON.stringify(url)},`,
    `    headers={${pyHeaders.join(', ')}},`,
    ...(body ? [`    json=${JSON.stringify(body)},`] : []),
    ')',
    'print(res.json()["data"])',
  ].join('\n');
}
