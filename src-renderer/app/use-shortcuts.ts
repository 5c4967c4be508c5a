import { useEffect, useRef } from 'react';
import { isTextField, matchShortcut, type ShortcutAction } from './shortcuts';

/** Window-level key handling for the shell; `onAction` may change freely between renders. */
export function useShortcuts(mac: boolean, onAction: (action: ShortcutAction) => boolean): void {
  const latest = useRef(onAction);
  latest.current = onAction;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return; // Korean IME composition: the keys are not ours
      const action = matchShortcut(
        { key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey, inTextField: isTextField(document.activeElement) },
        mac,
      );
      if (action && latest.current(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mac]);
}
