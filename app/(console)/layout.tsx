import type { ReactNode } from 'react';
import { Sidebar } from '@/components/shell/sidebar';
import { TopBar } from '@/components/shell/top-bar';
import { getUserById } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { hasConsoleAccess, hasPermission } from '@/lib/auth/permissions';
import { requirePageSession } from '@/lib/auth/session';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor, memberships } = await requirePageSession();
  const user = getUserById(getDb(), actor.userId!)!;
  return (
    <div className="flex h-full">
      {hasConsoleAccess(actor.role) && <Sidebar showAdministration={hasPermission(actor.role, 'users:manage')} />}
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar user={{ name: user.name, email: user.email }} currentOuId={actor.ouId} role={actor.role} memberships={memberships} />
        {/* Positioned: absolutely placed descendants (screen-reader text) would otherwise stretch the document,
            which then scrolls the top bar away. */}
        <main className="relative flex-1 overflow-y-auto px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
