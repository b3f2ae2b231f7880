/**
 * Finds devices created while the simulator runs (`--watch`): every `everyMs` it asks `list` for the devices after
 * the last id it has seen (a primary-key range, cheap however large the fleet) and hands a non-empty batch over.
 */
export function watchNewDevices<T extends { deviceId: number }>(options: {
  everyMs: number;
  /** The last device id that exists at the start. */
  afterId: number;
  /** Devices with a higher id than `afterId`, in id order (a bounded batch). */
  list: (afterId: number) => T[];
  onDevices: (devices: T[]) => void;
  onError?: (error: unknown) => void;
}): { stop(): void } {
  let last = options.afterId;
  const timer = setInterval(() => {
    try {
      const batch = options.list(last);
      if (!batch.length) return;
      last = batch[batch.length - 1].deviceId;
      options.onDevices(batch);
    } catch (error) {
      // A locked or briefly unreadable database: the next look tries again from the same id.
      options.onError?.(error);
    }
  }, options.everyMs);
  return { stop: () => clearInterval(timer) };
}
