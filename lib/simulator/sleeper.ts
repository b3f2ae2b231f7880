/**
 * Sleeps that can all be cut short at once, for simulated devices that pause between steps. One registry per fleet
 * instead of one abort listener per sleeping device: thousands of listeners on one AbortSignal cost O(n) each.
 */
export function createSleeper() {
  const sleeping = new Set<{ timer: NodeJS.Timeout; resolve: (completed: boolean) => void }>();
  let cancelled = false;
  return {
    /** Resolves true after `ms`, or false once `cancelAll` was called. */
    sleep(ms: number): Promise<boolean> {
      if (cancelled) return Promise.resolve(false);
      if (ms <= 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const entry = {
          timer: setTimeout(() => {
            sleeping.delete(entry);
            resolve(true);
          }, ms),
          resolve,
        };
        sleeping.add(entry);
      });
    },
    /** Ends every sleep (now and later) with false. */
    cancelAll(): void {
      cancelled = true;
      for (const entry of sleeping) {
        clearTimeout(entry.timer);
        entry.resolve(false);
      }
      sleeping.clear();
    },
    /** Allows sleeping again after `cancelAll` (a transport started anew). */
    reset(): void {
      cancelled = false;
    },
  };
}
export type Sleeper = ReturnType<typeof createSleeper>;
