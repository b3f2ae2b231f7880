import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionContext } from '@/lib/auth/session';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  if (await getSessionContext()) redirect('/');
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
        <LoginForm />
      </div>
    </main>
  );
}
