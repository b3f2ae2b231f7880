import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { hasConsoleAccess } from '@/lib/auth/permissions';
import { requirePageSession } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Developer role required' };

export default async function NoAccessPage() {
  const { actor } = await requirePageSession();
  if (hasConsoleAccess(actor.role)) redirect('/');
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-amber-200 bg-amber-50 p-8 text-center">
      <h1 className="text-lg font-semibold text-amber-900">You need the Developer role</h1>
      <p className="mt-2 text-sm text-amber-800">
        You do not have the Developer role in {actor.ouName}, which is needed to access the Developer Console. Contact your OU
        administrator.
      </p>
    </div>
  );
}
