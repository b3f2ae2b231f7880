import { and, asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { memberships, ous, users, type NewUser } from '../schema';
import type { Role } from '../../lib/auth/permissions';

export function getUserByEmail(db: DbOrTx, email: string) {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function getUserById(db: DbOrTx, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function insertUser(db: DbOrTx, user: NewUser) {
  return db
    .insert(users)
    .values({ ...user, email: user.email.trim().toLowerCase() })
    .returning()
    .get();
}

export function listMembershipsForUser(db: DbOrTx, userId: number) {
  return db
    .select({ ouId: ous.id, ouName: ous.name, role: memberships.role })
    .from(memberships)
    .innerJoin(ous, eq(ous.id, memberships.ouId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(ous.name))
    .all();
}

export function listOuMembers(db: DbOrTx, ouId: number) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.ouId, ouId))
    .orderBy(asc(users.email))
    .all();
}

export function getMembership(db: DbOrTx, ouId: number, userId: number) {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.ouId, ouId), eq(memberships.userId, userId)))
    .get();
}

export function insertMembership(db: DbOrTx, ouId: number, userId: number, role: Role, now: number) {
  return db.insert(memberships).values({ ouId, userId, role, createdAt: now }).run();
}

export function updateMembershipRole(db: DbOrTx, ouId: number, userId: number, role: Role) {
  return db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.ouId, ouId), eq(memberships.userId, userId)))
    .run();
}

export function deleteMembership(db: DbOrTx, ouId: number, userId: number) {
  return db
    .delete(memberships)
    .where(and(eq(memberships.ouId, ouId), eq(memberships.userId, userId)))
    .run();
}

export function countOuAdmins(db: DbOrTx, ouId: number): number {
  const row = db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.ouId, ouId), eq(memberships.role, 'ou_admin')))
    .get();
  return row?.n ?? 0;
}
