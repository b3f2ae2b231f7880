import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { getSignInState } from '@/lib/auth/session';
import { first, type SearchParams } from '@/lib/ui/pagination';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = safeCallbackPath(first((await searchParams).callbackUrl));
  const state = await getSignInState();
  if (state === 'member') redirect(callbackUrl);
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-nav to-slate-800 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-2xl">
        <div className="mb-6 flex items-center gap-2">
          <span className="flex size-9 items-center justify-center rounded-lg bg-brand-600 font-bold text-white">OTA</span>
          <div>
            <h1 className="text-lg font-semibold text-slate-900">OTA Console</h1>
            <p className="text-xs text-slate-500">Developer Console · Operation Monitoring</p>
          </div>
        </div>
        {state === 'no-organization' && (
          <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="login-notice">
            Your account is not a member of any organization. Ask an OU administrator to add you.
          </p>
        )}
        <LoginForm key={state} callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
