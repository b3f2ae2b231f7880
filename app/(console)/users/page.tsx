import type { Metadata } from 'next';
import { AddMemberButton } from '@/components/users/add-member-button';
import { MembersTable } from '@/components/users/members-table';
import { Card, PageHeader } from '@/components/ui/page-header';
import { requirePagePermission } from '@/lib/auth/session';
import { listMembers } from '@/lib/services/members';
import { addMemberAction, changeRoleAction, removeMemberAction } from './actions';

export const metadata: Metadata = { title: 'Users & Roles' };

export default async function UsersPage() {
  const actor = await requirePagePermission('users:manage');
  const members = listMembers({ actor });
  return (
    <>
      <PageHeader
        title="Users & Roles"
        description={`Members of ${actor.ouName} and their roles. OU Admins manage users; Developers manage firmware and OTA jobs; Viewers only read.`}
        actions={<AddMemberButton addMember={addMemberAction} />}
      />
      <Card>
        <MembersTable members={members} currentUserId={actor.userId} changeRole={changeRoleAction} removeMember={removeMemberAction} />
      </Card>
    </>
  );
}
