import { Badge, type BadgeTone } from '@/components/ui/badge';
import { FIRMWARE_STATUS_LABELS, type FirmwareStatus } from '@/lib/ota/states';

const TONES: Record<FirmwareStatus, BadgeTone> = {
  unverified: 'amber',
  verifying: 'blue',
  verified: 'green',
  verification_failed: 'red',
  no_need: 'gray',
};

export function FirmwareStatusBadge({ status }: { status: FirmwareStatus }) {
  return <Badge tone={TONES[status]}>{FIRMWARE_STATUS_LABELS[status]}</Badge>;
}
