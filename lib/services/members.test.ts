import { describe, expect, it } from 'vitest';
import { getUserByEmail, listMembershipsForUser } from '@/db/queries/users';
import { loadActor } from '@/lib/auth/load-actor';
import { withDemoDb } from '@/db/testing/demo-db';
import { verifyPassword } from '@/lib/auth/password';
import { addMemberSchema } from '@/lib/validation/members';
import { AppError } from '@/lib/errors';
import { addMember, changeMemberRole, listMembers, removeMember } from './members';

const temp = withDemoDb();

const admin = () => loadActor(temp.db, 'admin@demo.local', 'Demo Energy');
const developer = () => loadActor(temp.db, 'developer@demo.local', 'Demo Energy');

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return e instanceof AppError ? e.code : 'UNEXPECTED';
  }
  return undefined;
}

describe('Users & Roles', () => {
  it('an OU Admin adds a new user who can then sign in with the given password', async () => {
    await addMember({ actor: admin(), input: { email: 'New.Person@Demo.local', name: 'New Person', password: 'new-password-1', role: 'developer' } });
    const user = getUserByEmail(temp.db, 'new.person@demo.local');
    expect(user).toBeDefined();
    await expect(verifyPassword('new-password-1', user!.passwordHash)).resolves.toBe(true);
    expect(listMembers({ actor: admin() }).find((m) => m.email === 'new.person@demo.local')?.role).toBe('developer');
  });

  it('adding an existing member again is refused and changes nothing', async () => {
    const before = listMembers({ actor: admin() }).length;
    expect(
      await codeOf(() => addMember({ actor: admin(), input: { email: 'viewer@demo.local', name: 'X', password: 'password-123', role: 'ou_admin' } })),
    ).toBe('CONFLICT');
    expect(listMembers({ actor: admin() })).toHaveLength(before);
    expect(listMembers({ actor: admin() }).find((m) => m.email === 'viewer@demo.local')?.role).toBe('viewer');
  });

  it('an existing user of another OU joins and keeps their own password', async () => {
    await addMember({ actor: admin(), input: { email: 'admin@northwind.local', name: 'ignored', password: 'typed-by-admin', role: 'viewer' } });
    const user = getUserByEmail(temp.db, 'admin@northwind.local')!;
    expect(listMembershipsForUser(temp.db, user.id).map((m) => m.ouName).sort()).toEqual(['Demo Energy', 'Northwind Grid']);
    await expect(verifyPassword('demo-password', user.passwordHash)).resolves.toBe(true);
    await expect(verifyPassword('typed-by-admin', user.passwordHash)).resolves.toBe(false);
  });

  it('the form asks for a password whether or not the email has an account, with the same message', () => {
    const errorsFor = (email: string) =>
      addMemberSchema.safeParse({ email, name: 'X', password: '', role: 'viewer' }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(errorsFor('admin@northwind.local')).toEqual([['password', 'At least 8 characters']]);
    expect(errorsFor('nobody-yet@demo.local')).toEqual(errorsFor('admin@northwind.local'));
  });

  it('a Developer cannot manage users', async () => {
    expect(await codeOf(() => listMembers({ actor: developer() }))).toBe('FORBIDDEN');
    expect(
      await codeOf(() => addMember({ actor: developer(), input: { email: 'x@demo.local', name: 'X', password: 'password-123', role: 'ou_admin' } })),
    ).toBe('FORBIDDEN');
    expect(getUserByEmail(temp.db, 'x@demo.local')).toBeUndefined();
  });

  it('a member of another OU is not found', async () => {
    const northwind = loadActor(temp.db, 'admin@northwind.local', 'Northwind Grid');
    const viewer = getUserByEmail(temp.db, 'viewer@demo.local')!;
    expect(await codeOf(() => changeMemberRole({ actor: northwind, userId: viewer.id, role: 'ou_admin' }))).toBe('NOT_FOUND');
    expect(await codeOf(() => removeMember({ actor: northwind, userId: viewer.id }))).toBe('NOT_FOUND');
  });

  it('the last OU Admin can be neither demoted nor removed', async () => {
    const self = admin();
    expect(await codeOf(() => changeMemberRole({ actor: self, userId: self.userId!, role: 'viewer' }))).toBe('CONFLICT');
    expect(await codeOf(() => removeMember({ actor: self, userId: self.userId! }))).toBe('CONFLICT');
    expect(listMembers({ actor: self }).find((m) => m.userId === self.userId)?.role).toBe('ou_admin');
  });

  it('with a second OU Admin, the first may step down', async () => {
    const dev = getUserByEmail(temp.db, 'developer@demo.local')!;
    changeMemberRole({ actor: admin(), userId: dev.id, role: 'ou_admin' });
    const self = admin();
    changeMemberRole({ actor: self, userId: self.userId!, role: 'developer' });
    expect(listMembers({ actor: loadActor(temp.db, 'developer@demo.local', 'Demo Energy') }).find((m) => m.userId === self.userId)?.role).toBe(
      'developer',
    );
  });
});
