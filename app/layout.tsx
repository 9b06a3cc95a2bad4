import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Mixroom', template: '%s · Mixroom' },
  description: 'Collaborative online mixing and mastering',
};

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#0b0c0e' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
