'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** How often a list with running jobs re-renders on the server to show their progress. */
const LIST_REFRESH_MS = 5000;

/** Refreshes the server-rendered page periodically while `active` (some job on it is running), without a reload. */
export function RefreshWhileRunning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, LIST_REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
