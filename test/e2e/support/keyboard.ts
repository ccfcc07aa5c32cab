/**
 * Typing as a person does: click the field, select what is there, type the new text key by
 * key, and leave the field. For the items of issue 11 that ask for keyboard typing, not `fill`.
 */
import type { Locator, Page } from 'playwright-core';
import { nodeLocator, waitUntil } from './ui.js';

/** Replaces a text field's content by typing, then leaves it with Tab (closing suggestions first). */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
}

/** The inspector's field with this visible label (a required field's label ends in `*`). */
export function inspectorField(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByTestId('inspector').getByLabel(new RegExp(`^${escaped}\\s*\\*?$`));
}

/** Renames the node shown in the inspector by typing its new name and pressing Enter. */
export async function typeNodeName(page: Page, from: string, to: string): Promise<void> {
  const input = page.getByTestId('node-name-input');
  await waitUntil(
    `the inspector to show ${from}`,
    () => input.inputValue(),
    (v) => v === from,
  );
  await input.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(to);
  await page.keyboard.press('Enter');
  await nodeLocator(page, to).waitFor();
}

/** The status line's kind: info, success or error. */
export async function statusKind(page: Page): Promise<string> {
  const c = (await page.getByTestId('status').getAttribute('class')) ?? '';
  return /is-(\w+)/.exec(c)?.[1] ?? '';
}
