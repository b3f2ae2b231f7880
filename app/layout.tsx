import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/shell/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'OTA Console', template: '%s · OTA Console' },
  description: 'Firmware management and over-the-air upgrade jobs for device fleets.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
