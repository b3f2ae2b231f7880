import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms`; strings only, so equal content never restarts the wait. */
export function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
