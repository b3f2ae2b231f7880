import { Badge } from '@/components/ui/badge';

export function OnlineBadge({ online }: { online: boolean }) {
  return (
    <Badge tone={online ? 'green' : 'gray'}>
      <span className={`size-1.5 rounded-full ${online ? 'bg-emerald-500' : 'bg-slate-400'}`} />
      {online ? 'Online' : 'Offline'}
    </Badge>
  );
}
