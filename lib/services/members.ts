import { getDb } from '@/db/client';
import {
  countOuAdmins,
  deleteMembership,
  getMembership,
  getUserByEmail,
  insertMembership,
  insertUser,
  listOuMembers,
  updateMembershipRole,
} from '@/db/queries/users';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import type { AddMemberInput } from '@/lib/validation/members';
import { recordAudit } from './audit';

const LAST_ADMIN_MESSAGE = 'An OU must keep at least one OU Admin.';

export function listMembers({ actor }: { actor: Actor }) {
  requirePermission(actor, 'users:manage');
  const db = getDb();
  return listOuMembers(db, actor.ouId);
}

/**
 * Adds a user to the actor's OU, creating the account with the given password when the email is new. An existing
 * account keeps its password, and the answer looks the same either way, so the form does not reveal who has one.
 */
export async function addMember({ actor, input, now = Date.now() }: { actor: Actor; input: AddMemberInput; now?: number }) {
  requirePermission(actor, 'users:manage');
  const db = getDb();
  const existing = getUserByEmail(db, input.email);
  // Hashed in both cases (the time taken tells nothing either) and outside the transaction: slow, needs no database.
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const user =
      getUserByEmail(tx, input.email) ??
      insertUser(tx, { email: input.email, name: input.name, passwordHash, createdAt: now });
    if (getMembership(tx, actor.ouId, user.id)) {
      throw new AppError('CONFLICT', `${user.email} is already a member of ${actor.ouName}.`, {
        email: ['Already a member of this OU'],
      });
    }
    insertMembership(tx, actor.ouId, user.id, input.role, now);
    recordAudit(tx, actor, { action: 'member.add', targetType: 'user', targetId: user.id, detail: { role: input.role }, at: now });
    return { userId: user.id, email: user.email, created: !existing };
  });
}

export function changeMemberRole({ actor, userId, role, now = Date.now() }: { actor: Actor; userId: number; role: Role; now?: number }) {
  requirePermission(actor, 'users:manage');
  const db = getDb();
  db.transaction((tx) => {
    const membership = getMembership(tx, actor.ouId, userId);
    if (!membership) throw new AppError('NOT_FOUND', 'Member not found.');
    if (membership.role === 'ou_admin' && role !== 'ou_admin' && countOuAdmins(tx, actor.ouId) <= 1) {
      throw new AppError('CONFLICT', LAST_ADMIN_MESSAGE);
    }
    updateMembershipRole(tx, actor.ouId, userId, role);
    recordAudit(tx, actor, { action: 'member.role', targetType: 'user', targetId: userId, detail: { from: membership.role, to: role }, at: now });
  });
}

export function removeMember({ actor, userId, now = Date.now() }: { actor: Actor; userId: number; now?: number }) {
  requirePermission(actor, 'users:manage');
  const db = getDb();
  db.transaction((tx) => {
    const membership = getMembership(tx, actor.ouId, userId);
    if (!membership) throw new AppError('NOT_FOUND', 'Member not found.');
    if (membership.role === 'ou_admin' && countOuAdmins(tx, actor.ouId) <= 1) {
      throw new AppError('CONFLICT', LAST_ADMIN_MESSAGE);
    }
    deleteMembership(tx, actor.ouId, userId);
    recordAudit(tx, actor, { action: 'member.remove', targetType: 'user', targetId: userId, at: now });
  });
}
