/**
 * Wraps a stream's batch generator so that `return()` frees the connection even when the consumer never
 * started iterating: an async generator that has not started skips its `finally` block on `return()`.
 */
export function releasingBatches<T>(gen: AsyncGenerator<T>, release: () => Promise<void>): AsyncGenerator<T> {
  let started = false;
  const wrapper: AsyncGenerator<T> = {
    next(...args: [] | [unknown]) {
      started = true;
      return gen.next(...args);
    },
    async return(value?: unknown) {
      if (!started) await release();
      return gen.return(value as T);
    },
    async throw(err?: unknown) {
      if (!started) await release();
      return gen.throw(err);
    },
    [Symbol.asyncIterator]() {
      return wrapper;
    },
    [Symbol.asyncDispose]: async () => {
      await wrapper.return(undefined);
    },
  } as AsyncGenerator<T>;
  return wrapper;
}
