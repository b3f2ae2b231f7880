'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState, useTransition } from 'react';
import { Select } from '@/components/ui/select';
import { useDismiss } from '@/components/ui/use-dismiss';
import type { OuMembershipSummary } from '@/lib/auth/actor';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';

export function TopBar({
  user,
  currentOuId,
  role,
  memberships,
  switchOu,
}: {
  user: { name: string; email: string };
  currentOuId: number;
  role: Role;
  memberships: OuMembershipSummary[];
  /** The server action that makes another of the user's OUs the current one. */
  switchOu: (ouId: number) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const menuRef = useRef<HTMLDivElement>(null);
  const current = memberships.find((m) => m.ouId === currentOuId);

  const closeMenu = useCallback(() => setMenuOpen(false), []);
  useDismiss(menuRef, menuOpen, closeMenu);

  return (
    <header className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 bg-white px-6">
      <div className="flex items-center gap-2 text-sm">
        <span className="text-slate-500">Organization:</span>
        {memberships.length > 1 ? (
          <div className="w-48">
            <Select
              aria-label="Current OU"
              value={String(currentOuId)}
              disabled={pending}
              options={memberships.map((m) => ({ value: String(m.ouId), label: m.ouName }))}
              onChange={(e) => {
                const ouId = Number(e.target.value);
                startTransition(async () => {
                  await switchOu(ouId);
                  router.push('/');
                  router.refresh();
                });
              }}
              className="font-medium"
            />
          </div>
        ) : (
          <span className="font-medium text-slate-900" data-testid="current-ou">
            {current?.ouName}
          </span>
        )}
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs whitespace-nowrap text-slate-600">{ROLE_LABELS[role]}</span>
      </div>
      <div ref={menuRef} className="relative">
        <button
          type="button"
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((o) => !o)}
          className="flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100"
        >
          <span className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">
            {user.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="text-slate-700">{user.email}</span>
          <span aria-hidden className="text-slate-400">▾</span>
        </button>
        {menuOpen && (
          <div role="menu" className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
            <p className="px-3 py-2 text-xs text-slate-500">Signed in as {user.name}</p>
            <button
              role="menuitem"
              type="button"
              onClick={() => signOut({ callbackUrl: '/login' })}
              className="block w-full px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              Sign out
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
