/**
 * Remembers a pure function of a string for inputs that repeat on hot paths (user agents,
 * Accept-Language values, URL templates): the lookup costs less than computing again. Bounded
 * without tracking age: when full it starts over, and the hot keys are back within a few calls.
 */
export function boundedMemo<T>(compute: (key: string) => T, capacity = 10_000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) {
      value = compute(key);
      if (memo.size >= capacity) memo.clear();
      memo.set(key, value);
    }
    return value as T;
  };
}
