import { createContext, useContext } from 'react';

/** Opens the "you are leaving Salon" notice for an outside URL (R5). */
export const OpenLinkContext = createContext<(url: string) => void>(() => undefined);

export function useOpenLink(): (url: string) => void {
  return useContext(OpenLinkContext);
}
