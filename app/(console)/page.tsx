import { redirect } from 'next/navigation';
import { hasConsoleAccess } from '@/lib/auth/permissions';
import { requirePageSession } from '@/lib/auth/session';

export default async function HomePage() {
  const { actor } = await requirePageSession();
  redirect(hasConsoleAccess(actor.role) ? '/firmware' : '/no-access');
}
