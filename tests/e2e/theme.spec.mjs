// Light and dark themes: the app follows the system until a theme is chosen in the
// header (desk or portal); the choice is kept on this device and wins over the system.
import { test, expect, appReady } from './support/fixtures.mjs';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(13, 17, 23)';

test('the theme follows the system until one is chosen, and the choice is kept', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/desk/incidents');
  await appReady(page);
  const toggle = page.getByLabel('Theme');
  await expect(toggle).toHaveValue('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(LIGHT_BG);

  // Chosen by keyboard: Dark wins over the light system, and survives a reload.
  await toggle.focus();
  await toggle.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_BG);
  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  expect(await background(page)).toBe(DARK_BG);

  // The portal has the same choice in its header; Light wins over a dark system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/portal');
  await appReady(page);
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await page.getByLabel('Theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe(LIGHT_BG);

  // Back to System: the attribute goes and the system decides again.
  await page.getByLabel('Theme').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await background(page)).toBe(DARK_BG);
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Theme')).toHaveValue('system');
});
