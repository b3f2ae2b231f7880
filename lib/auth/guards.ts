import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { hasPermission, type Permission } from './permissions';

/** Throws FORBIDDEN unless the actor's role in its current OU grants the permission. Every service calls it. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.role, permission)) {
    throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  }
}
