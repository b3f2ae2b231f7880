import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { getUserByEmail } from '@/db/queries/users';
import { getEnv } from '@/lib/env';
import { getDummyHash, verifyPassword } from './password';

/** next-auth configuration: email + password against scrypt hashes, JWT sessions carrying only the user id. */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials) {
          const email = credentials?.email?.trim() ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return null;
          const user = getUserByEmail(getDb(), email);
          const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
          if (!user || !ok) return null;
          return { id: String(user.id), email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = Number(user.id);
        return token;
      },
      session({ session, token }) {
        if (session.user) session.user.id = Number(token.uid);
        return session;
      },
    },
  };
}
