import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_MS, latencyBucket, storedFloat4 } from 'src/access-logs/access-log-record.js';

describe('latencyBucket', () => {
  it('should count the bounds at or below the duration, as width_bucket does', () => {
    expect(latencyBucket(-5)).toBe(0);
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.99)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(4.5)).toBe(3);
    expect(latencyBucket(5)).toBe(4);
    expect(latencyBucket(59_999.9)).toBe(LATENCY_BUCKETS_MS.length - 1);
    expect(latencyBucket(60_000)).toBe(LATENCY_BUCKETS_MS.length);
    expect(latencyBucket(1e9)).toBe(LATENCY_BUCKETS_MS.length);
    LATENCY_BUCKETS_MS.forEach((bound, i) => expect(latencyBucket(bound)).toBe(i + 1));
  });

  it('should put NaN above every bound and the infinities at the ends', () => {
    expect(latencyBucket(Number.NaN)).toBe(LATENCY_BUCKETS_MS.length);
    expect(latencyBucket(Infinity)).toBe(LATENCY_BUCKETS_MS.length);
    expect(latencyBucket(-Infinity)).toBe(0);
  });
});

describe('storedFloat4', () => {
  it('should round to the nearest float4 like Math.fround away from ties', () => {
    expect(storedFloat4(1.234)).toBe(Math.fround(1.234));
    expect(storedFloat4(4.9999999)).toBe(5);
    expect(storedFloat4(12.5)).toBe(12.5);
    expect(storedFloat4(-0.1)).toBe(Math.fround(-0.1));
    expect(storedFloat4(Number.NaN)).toBeNaN();
    expect(storedFloat4(Infinity)).toBe(Infinity);
  });

  // Expected values are what PostgreSQL 15 answers for `'<String(x)>'::float4::float8`.
  it('should round a tie towards the side its decimal text lies on, as PostgreSQL (strtof) does', () => {
    const below1 = 1 - 2 ** -25; // halfway between 1 - 2^-24 and 1; Math.fround rounds it to even (1)
    expect(String(below1)).toBe('0.9999999701976776');
    expect(Math.fround(below1)).toBe(1);
    expect(storedFloat4(below1)).toBe(1 - 2 ** -24);
    expect(storedFloat4(1 + 2 ** -24)).toBe(1 + 2 ** -23);
    expect(storedFloat4(-(1 + 2 ** -24))).toBe(-(1 + 2 ** -23));
    expect(storedFloat4(100 - 2 ** -18)).toBe(99.99999237060547);
    expect(storedFloat4(5 - 2 ** -22)).toBe(5);
    // A tie whose decimal text is exact falls back to round-half-even.
    expect(storedFloat4(2 ** 24 + 1)).toBe(2 ** 24);
    expect(storedFloat4(2 ** 24 + 3)).toBe(2 ** 24 + 4);
  });
});
