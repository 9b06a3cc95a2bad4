import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** Where specs put the screenshots a person looks at (1440x900): `.shots/` of the checkout. */
export const SHOTS_DIR = path.join(process.cwd(), '.shots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, name) });
}

/** The highest level a meter showed over `ms` (its `data-level-db`, -Infinity for silence). */
export async function loudest(page: Page, meter: Locator, ms = 1500): Promise<number> {
  const handle = await meter.elementHandle();
  return page.evaluate(
    async ({ el, ms }) => {
      let max = -Infinity;
      for (const end = performance.now() + ms; performance.now() < end; ) {
        const v = el!.getAttribute('data-level-db');
        max = Math.max(max, v === null || v === '-inf' ? -Infinity : Number(v));
        await new Promise((r) => setTimeout(r, 50));
      }
      return max;
    },
    { el: handle, ms },
  );
}
