import Link from 'next/link';

/** The way back to the list, above the title of every firmware page. */
export function FirmwareBreadcrumb() {
  return (
    <Link href="/firmware" className="hover:underline">
      Firmware Management
    </Link>
  );
}
