import type { ParamDefinition } from '@/features/apis/schemas';

const NUNJUCKS_WORDS = new Set(['true', 'false', 'none', 'null', 'and', 'or', 'not', 'in', 'is', 'if', 'else', 'loop', 'range', 'params']);

/**
 * Names a template or script reads that could be parameters: `{{ name }}`, `{% if name %}`,
 * `name | filter` in Nunjucks SQL; `params.name` / `params['name']` in scripts. In order of first use.
 */
export function discoverVariables(content: string, engine: 'sql' | 'script'): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    if (!found.includes(name) && !NUNJUCKS_WORDS.has(name)) found.push(name);
  };
  if (engine === 'script') {
    for (const m of content.matchAll(/\bparams(?:\.([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])/g)) add(m[1] ?? m[2]);
    return found;
  }
  const locals = new Set<string>();
  for (const m of content.matchAll(/{%-?\s*(?:for\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in|set\s+([A-Za-z_]\w*)|macro\s+([A-Za-z_]\w*))/g)) {
    for (const name of m.slice(1)) if (name) locals.add(name);
  }
  for (const block of content.matchAll(/{{-?([\s\S]*?)-?}}|{%-?([\s\S]*?)-?%}/g)) {
    const body = (block[1] ?? block[2] ?? '').replace(/(['"])(?:\\.|(?!\1).)*\1/g, ' ');
    for (const m of body.matchAll(/(?<![.\w|])([A-Za-z_]\w*)(?!\s*\()/g)) {
      const name = m[1];
      const before = body.slice(0, m.index).trimEnd();
      if (before.endsWith('|')) continue;
      if (/^(for|set|macro|endfor|endif|endwhere|where|elif|endmacro|include|import|from|as|with|operation)$/.test(name)) continue;
      if (!locals.has(name)) add(name);
    }
  }
  return found;
}

/** The discovered names that are not declared yet, and the declared names the content never reads. */
export function compareWithDeclared(discovered: string[], params: ParamDefinition[]): { undeclared: string[]; unused: string[] } {
  const declared = new Set(params.map((p) => p.name));
  return {
    undeclared: discovered.filter((n) => !declared.has(n)),
    unused: params.filter((p) => !discovered.includes(p.name) && p.location !== 'header').map((p) => p.name),
  };
}

export function newParam(name: string, location: ParamDefinition['location'] = 'query'): ParamDefinition {
  return { name, location, type: 'string', required: false };
}
