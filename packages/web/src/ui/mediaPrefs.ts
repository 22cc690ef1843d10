import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'salon.hideExplicit';
const listeners = new Set<() => void>();
let cached: boolean | null = null;

function read(): boolean {
  if (cached === null) {
    try {
      cached = localStorage.getItem(STORAGE_KEY) === '1';
    } catch {
      cached = false;
    }
  }
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the setting.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    cached = null;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** S2: the viewer chose never to see explicit images (remembered on this browser). */
export function useHideExplicit(): boolean {
  return useSyncExternalStore(subscribe, read);
}

export function setHideExplicit(hide: boolean): void {
  cached = hide;
  try {
    if (hide) localStorage.setItem(STORAGE_KEY, '1');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be unavailable (private mode): the choice lasts until reload.
  }
  for (const listener of [...listeners]) listener();
}
