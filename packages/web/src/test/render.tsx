import { act } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/index.js';
import type { Language } from '../i18n/index.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  byTestId<T extends HTMLElement = HTMLElement>(id: string): T;
  queryByTestId<T extends HTMLElement = HTMLElement>(id: string): T | null;
  unmount(): Promise<void>;
}

/** Renders inside the i18n provider, with `act`, into a fresh container in the document. */
export async function render(ui: ReactNode, language: Language = 'fr'): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const i18n = createI18n(language);
  await act(async () => {
    root.render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
    await Promise.resolve();
  });
  const queryByTestId = <T extends HTMLElement>(id: string) =>
    container.querySelector<T>(`[data-testid="${id}"]`);
  return {
    container,
    queryByTestId,
    byTestId<T extends HTMLElement>(id: string): T {
      const found = queryByTestId<T>(id);
      if (!found) throw new Error(`no element with data-testid=${id}`);
      return found;
    },
    async unmount() {
      await act(async () => {
        root.unmount();
        await Promise.resolve();
      });
      container.remove();
    },
  };
}

/** Sets a form control's value the way a user would, so React's onChange runs. */
export async function fill(
  element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  value: string,
) {
  const proto = Object.getPrototypeOf(element) as object;
  await act(async () => {
    // Through the prototype's setter, so React sees the change as a user edit.
    Reflect.set(proto, 'value', value, element);
    element.dispatchEvent(
      new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
    await Promise.resolve();
  });
}

export async function click(element: HTMLElement) {
  await act(async () => {
    element.click();
    await Promise.resolve();
  });
}

export async function press(element: HTMLElement, key: string, init: KeyboardEventInit = {}) {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
    await Promise.resolve();
  });
}

/** Lets pending promises and the renders they cause settle. */
export async function settle() {
  await act(async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  });
}

export async function blur(element: HTMLElement) {
  await act(async () => {
    element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await Promise.resolve();
  });
}
