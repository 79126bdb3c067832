import { describe, expect, it } from 'vitest';
import { currentRequestId, enterRequestContext } from 'src/common/logging/request-context.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('enterRequestContext', () => {
  it('keeps each request its own id across awaits while others start and end', async () => {
    const seen: (string | undefined)[] = [];
    let a!: Promise<void>;
    let b!: Promise<void>;
    const endA = enterRequestContext({ requestId: 'a' }, () => {
      a = (async () => {
        await tick();
        await tick();
        seen.push(currentRequestId());
      })();
    });
    const endB = enterRequestContext({ requestId: 'b' }, () => {
      b = (async () => {
        await tick();
        endA();
        await tick();
        seen.push(currentRequestId());
      })();
    });
    await Promise.all([a, b]);
    endB();
    expect(seen).toEqual(['a', 'b']);
  });

  it('switches the storage off once no request is in flight, and on again for the next one', async () => {
    const end = enterRequestContext({ requestId: 'c' }, () => undefined);
    end();
    end();
    expect(currentRequestId()).toBeUndefined();
    let inside: string | undefined;
    const endNext = enterRequestContext({ requestId: 'd' }, () => {
      inside = currentRequestId();
    });
    endNext();
    expect(inside).toBe('d');
  });
});
