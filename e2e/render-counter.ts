import type { BrowserContext, Page } from '@playwright/test';

/**
 * Counts React renders in a production build, where `<Profiler>` reports nothing and component
 * names are minified. It stands in for React DevTools: React hands every commit to
 * `__REACT_DEVTOOLS_GLOBAL_HOOK__`, and a function component rendered in that commit when its fiber
 * carries the PerformedWork flag (as DevTools' own `didFiberRender` decides). A subtree whose
 * child list is the previous one was skipped whole. Each render is named by the class of the
 * component's first element (`strip` for a channel strip, `fader`, `knob`, ...), as names are
 * gone; bus and master strips are told apart by their modifier class.
 */
const RENDER_COUNTER = `(() => {
  const PERFORMED_WORK = 1;
  const COMPONENT_TAGS = new Set([0, 1, 11, 15]);
  const HOST = 5;
  const label = (fiber) => {
    let f = fiber.child;
    while (f && f.tag !== HOST) f = f.child;
    if (!f) return '(no element)';
    const cls = typeof f.memoizedProps?.className === 'string' ? f.memoizedProps.className.split(/\\s+/) : [];
    if (cls.length === 0) return f.type;
    const modifier = cls.find((c) => c === 'strip--bus' || c === 'strip--master');
    return modifier ?? cls[0];
  };
  const bump = (fiber) => {
    const counts = window.__renderCounts;
    const name = label(fiber);
    counts[name] = (counts[name] ?? 0) + 1;
  };
  const mount = (fiber) => {
    for (let f = fiber; f; f = f.sibling) {
      if (COMPONENT_TAGS.has(f.tag)) bump(f);
      mount(f.child);
    }
  };
  const update = (next, prev) => {
    if (prev && next.child === prev.child) return;
    for (let c = next.child; c; c = c.sibling) {
      if (!c.alternate) {
        if (COMPONENT_TAGS.has(c.tag)) bump(c);
        mount(c.child);
        continue;
      }
      if (COMPONENT_TAGS.has(c.tag) && (c.flags & PERFORMED_WORK) === PERFORMED_WORK) bump(c);
      update(c, c.alternate);
    }
  };
  window.__renderCounts = null;
  const renderers = new Map();
  Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', {
    configurable: true,
    value: {
      renderers,
      supportsFiber: true,
      inject(renderer) { const id = renderers.size + 1; renderers.set(id, renderer); return id; },
      onScheduleFiberRoot() {},
      onCommitFiberRoot(_id, root) { if (window.__renderCounts) update(root.current, root.current.alternate); },
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      checkDCE() {},
    },
  });
})();`;

export type RenderCounts = Record<string, number>;

/** Installs the counter in every page of the context; call before opening them. */
export async function installRenderCounter(context: BrowserContext): Promise<void> {
  await context.addInitScript(RENDER_COUNTER);
}

/** Starts counting from zero. */
export async function resetRenderCounts(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __renderCounts: RenderCounts }).__renderCounts = {};
  });
}

/** The renders since the last reset, by the class of the component's first element. */
export async function renderCounts(page: Page): Promise<RenderCounts> {
  return page.evaluate(() => ({ ...((window as unknown as { __renderCounts: RenderCounts | null }).__renderCounts ?? {}) }));
}

export function totalRenders(counts: RenderCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
