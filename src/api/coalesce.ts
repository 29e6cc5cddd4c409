/**
 * Many callers, one read at a time: a call joins the next read that starts after it was made,
 * never one already under way, so every answer is at least as fresh as its request. A hundred
 * dashboards asking for the status matrix at once cost one read, not a hundred.
 */
export function coalesce<K, T>(read: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const lanes = new Map<
    K,
    { running: boolean; waiting: Array<{ resolve: (value: T) => void; reject: (error: unknown) => void }> }
  >();
  const start = (key: K): void => {
    const lane = lanes.get(key)!;
    const callers = lane.waiting.splice(0);
    lane.running = true;
    read(key)
      .then(
        (value) => callers.forEach((c) => c.resolve(value)),
        (error: unknown) => callers.forEach((c) => c.reject(error)),
      )
      .finally(() => {
        lane.running = false;
        if (lane.waiting.length > 0) start(key);
        else lanes.delete(key);
      });
  };
  return (key) =>
    new Promise<T>((resolve, reject) => {
      const lane = lanes.get(key) ?? { running: false, waiting: [] };
      lanes.set(key, lane);
      lane.waiting.push({ resolve, reject });
      if (!lane.running) start(key);
    });
}
