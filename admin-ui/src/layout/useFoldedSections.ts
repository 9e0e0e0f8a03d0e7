import { useCallback, useState } from 'react';

const KEY = 'platform.menu.sections';

function read(): Record<string, boolean> {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

/** Which menu sections the user opened or closed, kept in this browser. */
export function useFoldedSections(): [Record<string, boolean>, (id: string, open: boolean) => void] {
  const [chosen, setChosen] = useState<Record<string, boolean>>(read);
  const choose = useCallback((id: string, open: boolean) => {
    setChosen((prev) => {
      const next = { ...prev, [id]: open };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* private mode */
      }
      return next;
    });
  }, []);
  return [chosen, choose];
}
