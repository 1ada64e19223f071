/**
 * JSON.parse that keeps integers beyond 2^53 exact, as decimal strings:
 * pgBackRest prints 64-bit values such as `system-id` as bare numbers.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  return JSON.parse(
    text,
    // The third reviver argument (source text access) exists since Node 21.
    function revive(
      this: unknown,
      _key: string,
      value: unknown,
      context?: { source?: string },
    ) {
      if (
        typeof value === 'number' &&
        !Number.isSafeInteger(value) &&
        context?.source &&
        /^-?\d+$/.test(context.source)
      ) {
        return context.source;
      }
      return value;
    } as (key: string, value: unknown) => unknown,
  );
}
