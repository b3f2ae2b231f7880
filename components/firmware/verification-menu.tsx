'use client';

import Link from 'next/link';
import { useCallback, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { useDismiss } from '@/components/ui/use-dismiss';
import { verificationMenuItems } from '@/lib/firmware/verification-menu';
import type { FirmwareStatus } from '@/lib/ota/states';
import { cn } from '@/lib/ui/cn';
import { useHydrated } from './use-hydrated';

const ITEM = 'block w-full px-3 py-2 text-left text-sm';

/** The "Verification" menu of the details page; which items are enabled is verificationMenuItems'. Disabled items are not links. */
export function VerificationMenu({ firmwareId, status }: { firmwareId: number; status: FirmwareStatus }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);

  const items = verificationMenuItems(firmwareId, status);

  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!hydrated}
        onClick={() => setOpen((o) => !o)}
        className={buttonClass('primary', 'md')}
      >
        Verification <span aria-hidden>▾</span>
      </button>
      {open && (
        <div role="menu" aria-label="Verification" className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {items.map((item) =>
            item.enabled ? (
              <Link key={item.label} role="menuitem" href={item.href} className={cn(ITEM, 'text-slate-700 hover:bg-slate-100')}>
                {item.label}
              </Link>
            ) : (
              <span key={item.label} role="menuitem" aria-disabled="true" title={item.why} className={cn(ITEM, 'cursor-not-allowed text-slate-400')}>
                {item.label}
              </span>
            ),
          )}
        </div>
      )}
    </div>
  );
}
