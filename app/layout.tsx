import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Mixroom', template: '%s · Mixroom' },
  description: 'Collaborative online mixing and mastering',
};

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#0b0c0e' };

/**
 * Every page is rendered per request: each response carries its own CSP nonce, which Next puts on
 * its inline scripts (server/http/security-headers.ts); a prerendered page would have none.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
