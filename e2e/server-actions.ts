import type { Page, Request } from '@playwright/test';
import { expect } from './fixtures';

/** A server-action request as a browser sends it: the page URL, the action id header and the serialized arguments. */
export type ActionCall = { url: string; action: string; body: string };

const isAction = (r: Request) => r.method() === 'POST' && Boolean(r.headers()['next-action']);

/**
 * Records the server-action call `trigger` makes on pages matching `urlGlob`, and sends it on with `rewrite(body)`
 * instead, so the recording user's own call changes nothing (rewrite the id to one that names nothing).
 */
export async function recordActionCall(page: Page, urlGlob: string, rewrite: (body: string) => string, trigger: () => Promise<void>) {
  let recorded: ActionCall | undefined;
  await page.route(urlGlob, async (route) => {
    const request = route.request();
    if (!isAction(request)) return route.fallback();
    const body = request.postData() ?? '';
    recorded = { url: request.url(), action: request.headers()['next-action'], body };
    await route.continue({ postData: rewrite(body) });
  });
  await trigger();
  await expect.poll(() => recorded).toBeDefined();
  await page.unrouteAll({ behavior: 'wait' });
  return recorded!;
}

/** Sends a recorded call from `page`'s signed-in browser (another user's session); answers the response text. */
export function sendActionCall(page: Page, call: ActionCall): Promise<string> {
  return page.evaluate(async ({ url, action, body }) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Next-Action': action, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
      body,
    });
    return res.text();
  }, call);
}
