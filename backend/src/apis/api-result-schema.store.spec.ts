import { describe, expect, it } from 'vitest';
import { ApiResultSchemaStore, snapshotKey } from 'src/apis/api-result-schema.store.js';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';

const snapshot: ApiSnapshot = {
  engine: 'sql', datasourceId: null, content: 'SELECT 1', params: [{ name: 'a', location: 'query', type: 'integer', required: false }], validators: [], transform: null,
  accessType: 'public', readOnly: true, rateLimitPerMinute: null, timeoutMs: null, maxRows: null, cacheTtlSeconds: null, corsOrigins: [],
};

describe(ApiResultSchemaStore.name, () => {
  it('should key a snapshot the same whatever its key order (jsonb reorders keys)', () => {
    const reordered = JSON.parse(JSON.stringify({ ...snapshot, params: [{ type: 'integer', required: false, name: 'a', location: 'query' }] })) as ApiSnapshot;
    const reversed = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as ApiSnapshot;
    expect(Object.keys(reversed)[0]).toBe('corsOrigins');
    expect(snapshotKey('x', reversed)).toBe(snapshotKey('x', snapshot));
    expect(snapshotKey('x', { ...snapshot, content: 'SELECT 2' })).not.toBe(snapshotKey('x', snapshot));
  });

  it('should record the first row\'s columns with JSON types', () => {
    const store = new ApiResultSchemaStore();
    store.record('x', snapshot, [{ id: 1, score: 1.5, name: 'a', ok: true, tags: [], meta: {}, gone: null }]);
    expect(store.get('x', snapshot)).toEqual([
      { name: 'id', type: 'integer' }, { name: 'score', type: 'number' }, { name: 'name', type: 'string' }, { name: 'ok', type: 'boolean' },
      { name: 'tags', type: 'array' }, { name: 'meta', type: 'object' }, { name: 'gone', type: 'null' },
    ]);
    expect(store.get('y', snapshot)).toBeNull();
  });
});
