import { expect, test, type LabPage } from './labPage';

/** "Counting kernel" in This machine: which loop the workers count with, and why. */
const kernelSaid = (lab: LabPage) => lab.machine.locator('dt:has-text("Counting kernel") + dd');

test.describe('the counting kernel', () => {
  // V8 counts alike with both loops (bench/kernels.spec.ts), and its WebAssembly one starts sooner (the page holds the module: src/page/boundary/pageCountLoop.ts).
  test('Chromium keeps the WebAssembly loop, counts exactly with it, and This machine says which kernel ran', async ({ lab }) => {
    await lab.goto();
    await expect(kernelSaid(lab)).toHaveText('WebAssembly (the faster here; no run yet)');
    const row = await lab.runAndWait(2, '300000001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 300,000,001');
    await expect(kernelSaid(lab)).toHaveText('WebAssembly (the faster here)');
  });

  for (const [kernel, name] of [
    ['js', 'JavaScript'],
    ['wasm', 'WebAssembly'],
  ] as const) {
    test(`?kernel=${kernel} counts with the ${name} loop, exactly`, async ({ lab }) => {
      await lab.goto(`?kernel=${kernel}`);
      await expect(kernelSaid(lab)).toHaveText(`${name} (as the link asks; no run yet)`);
      const row = await lab.runAndWait(2, '300000001');
      expect(await lab.cell(row, 'Check')).toBe('Counted 300,000,001');
      await expect(kernelSaid(lab)).toHaveText(`${name} (as the link asks)`);
    });
  }

  test('where the policy forbids compiling WebAssembly, the workers count in JavaScript, exactly, and the page says so', async ({ lab, page }) => {
    // The page and every script served without 'wasm-unsafe-eval', as a stricter host would send them: a worker takes its
    // policy from its script's response, and the page's own policy decides whether it can compile the module it hands the workers.
    const pageOrScript = (url: URL) => url.pathname.endsWith('/') || url.pathname.endsWith('.js');
    await page.context().route(pageOrScript, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      const policy = headers['content-security-policy'] ?? '';
      expect(policy).toContain(" 'wasm-unsafe-eval'");
      await route.fulfill({ response, headers: { ...headers, 'content-security-policy': policy.replace(" 'wasm-unsafe-eval'", '') } });
    });
    await lab.goto('?kernel=wasm');
    const row = await lab.runAndWait(1, '100000001');
    expect(await lab.cell(row, 'Check')).toBe('Counted 100,000,001');
    await expect(kernelSaid(lab)).toHaveText('JavaScript (WebAssembly could not be compiled here)');
  });
});
