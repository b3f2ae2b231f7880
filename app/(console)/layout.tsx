import type { ReactNode } from 'react';
import { Sidebar } from '@/components/shell/sidebar';
import { TopBar } from '@/components/shell/top-bar';
import { getUserById } from '@/db/queries/users';
import { getDb } from '@/db/client';
import { hasConsoleAccess, hasPermission } from '@/lib/auth/permissions';
import { requirePageSession } from '@/lib/auth/session';
import { switchOuAction } from './actions';

/** The "Administration" links, each shown only to a role with its permission (the pages check it again). */
const ADMINISTRATION_ITEMS = [
  { href: '/users', label: 'Users & Roles', permission: 'users:manage' },
  { href: '/api-keys', label: 'API Keys', permission: 'apikeys:manage' },
] as const;

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor, memberships } = await requirePageSession();
  const user = getUserById(getDb(), actor.userId!)!;
  const administration = ADMINISTRATION_ITEMS.filter((item) => hasPermission(actor.role, item.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex h-full">
      {hasConsoleAccess(actor.role) && <Sidebar administration={administration} />}
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar user={{ name: user.name, email: user.email }} currentOuId={actor.ouId} role={actor.role} memberships={memberships} switchOu={switchOuAction} />
        {/* Positioned: absolutely placed descendants (screen-reader text) would otherwise stretch the document,
            which then scrolls the top bar away. */}
        <main className="relative flex-1 overflow-y-auto px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
