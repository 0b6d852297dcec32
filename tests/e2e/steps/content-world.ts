// Runs code in our content script's isolated world of a page's main frame, as a compromised or curious
// content script would (Chromium only, over CDP: Firefox exposes no content-script realm to the driver).
import type { Page as PlaywrightPage } from '@playwright/test';

export async function evaluateInContentScript(page: PlaywrightPage, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => {
    contexts.push(event.context);
  });
  await cdp.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name !== '');
  if (!isolated) throw new Error(`no content-script world: ${JSON.stringify(contexts)}`);
  const result = (await cdp.send('Runtime.evaluate', {
    expression,
    contextId: isolated.id,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string } } };
  await cdp.detach().catch(() => undefined);
  if (result.exceptionDetails) return { threw: result.exceptionDetails.exception?.description ?? 'error' };
  return result.result.value;
}
