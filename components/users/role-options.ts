import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
