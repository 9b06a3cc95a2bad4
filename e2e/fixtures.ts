import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The data folder of the server Playwright starts (playwright.config.ts): one per port, so runs on other ports do not share it. */
export const E2E_DATA_DIR = path.join(os.tmpdir(), `mixroom-e2e-${process.env.E2E_PORT ?? 3917}`);

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** The demo users the server created on its first start and wrote to its data folder. */
export function demoLogins(): Record<string, DemoLogin> {
  const text = fs.readFileSync(path.join(E2E_DATA_DIR, 'demo-logins.txt'), 'utf8');
  const out: Record<string, DemoLogin> = {};
  for (const m of text.matchAll(/^\s+(lead|mixer|mastering|reviewer)\s+(\S+)\s+(\S+)\s*$/gm)) {
    out[m[1]] = { role: m[1], email: m[2], password: m[3] };
  }
  return out;
}

/** An init script that collects every Content-Security-Policy violation in `window.__cspViolations`, before any page script runs. */
export const RECORD_VIOLATIONS = `(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
})();`;

/** What `RECORD_VIOLATIONS` collected on the page so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

let counter = 0;
export function uniqueEmail(name: string): string {
  return `${name.toLowerCase()}.${Date.now()}.${++counter}@example.com`;
}

/** Page object of the sign-up and sign-in forms. */
export class AuthPage {
  constructor(readonly page: Page) {}

  async signUp(name: string, email: string, password = 'a good long password'): Promise<void> {
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
  }

  async signIn(login: { email: string; password: string }): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Email').fill(login.email);
    await this.page.getByLabel('Password').fill(login.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  }
}
