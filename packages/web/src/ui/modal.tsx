import { createContext, useContext, useEffect } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * Makes the page behind a dialog inert while the dialog is open; returns the release. The chat
 * layout provides it; without one, dialogs still trap focus themselves.
 */
export const InertContext = createContext<(() => () => void) | null>(null);

/**
 * A dialog opened from deep inside the page (a message, the composer): rendered at the end of
 * the document, with the rest of the page inert. The hold is released before the dialog's own
 * clean-up, so focus can go back to the button that opened it.
 */
export function ModalPortal({ children }: { children: ReactNode }) {
  const hold = useContext(InertContext);
  useEffect(() => hold?.(), [hold]);
  return createPortal(children, document.body);
}
