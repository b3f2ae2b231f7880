'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/ui/cn';

export type NavItem = { href: string; label: string };
type NavGroup = { title: string; items: NavItem[] };

export function Sidebar({ administration }: { administration: NavItem[] }) {
  // Nullable in the types once a pages/ directory exists (the device download route lives there).
  const pathname = usePathname() ?? '';
  const groups: NavGroup[] = [
    {
      title: 'Operation Monitoring',
      items: [
        { href: '/firmware', label: 'Firmware Management' },
        { href: '/ota-jobs', label: 'OTA Jobs' },
      ],
    },
    {
      title: 'Device Management',
      items: [
        { href: '/devices', label: 'Devices' },
        { href: '/products', label: 'Products' },
        { href: '/asset-trees', label: 'Asset Trees' },
      ],
    },
  ];
  if (administration.length) groups.push({ title: 'Administration', items: administration });
  return (
    <nav aria-label="Main" className="flex w-60 shrink-0 flex-col bg-nav text-slate-300">
      <Link href="/" className="flex h-14 items-center gap-2 px-5 text-white">
        <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-xs font-bold">OTA</span>
        <span className="font-semibold">OTA Console</span>
      </Link>
      <div className="flex-1 overflow-y-auto py-3">
        {groups.map((g) => (
          <div key={g.title} className="mb-4">
            <p className="px-5 pb-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase">{g.title}</p>
            <ul>
              {g.items.map((item) => {
                const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? 'page' : undefined}
                      className={cn(
                        'flex items-center justify-between border-l-2 px-5 py-2 text-sm',
                        active
                          ? 'border-brand-500 bg-nav-hover font-medium text-white'
                          : 'border-transparent hover:bg-nav-hover hover:text-white',
                      )}
                    >
                      {item.label}
                      <PendingMark />
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}

/** A spinner beside the item being opened, while its page renders on the server. */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" /> : null;
}
