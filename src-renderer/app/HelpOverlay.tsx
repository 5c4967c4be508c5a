import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Icon } from '../ui/Icon';
import { useT } from '../ui/i18n';
import { AREA_LABEL, AREAS } from './areas';
import { describeBinding } from './shortcuts';
import { describeLabelKey, LABEL_BINDINGS } from '../labels/label-keys';

/** Modal list of every shortcut. Esc (handled by the shell), the close button or the scrim close it. */
export function HelpOverlay({ mac, onClose }: { mac: boolean; onClose(): void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  // Focus moves into the dialog and back to where it was when the dialog closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);

  // Keep Tab inside the dialog (its only focusable element is the close button).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Tab') {
      e.preventDefault();
      closeRef.current?.focus();
    }
  };

  const rows: [string, string][] = [
    ...AREAS.map((a, i): [string, string] => [describeBinding('area', mac, i), t('shortcut.area', { area: t(AREA_LABEL[a]) })]),
    [describeBinding('console', mac), t('shortcut.console')],
    [describeBinding('workspaces', mac), t('workspaces.menu')],
    [describeBinding('help', mac), t('shortcut.help')],
    [describeBinding('close', mac), t('shortcut.close')],
  ];
  const labelRows: [string, string][] = LABEL_BINDINGS.map((b): [string, string] => [b.keys.map((k) => describeLabelKey(k, mac)).join(' / '), t(b.what)]);

  return (
    <div className="scrim" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onKeyDown={onKeyDown}>
        <header className="dialog-header">
          <h2 id="help-title">{t('help.title')}</h2>
          <button ref={closeRef} type="button" className="icon-btn" onClick={onClose} aria-label={t('help.close')} data-testid="help-close">
            <Icon name="close" />
          </button>
        </header>
        <table className="shortcut-table">
          <tbody>
            {rows.map(shortcutRow)}
          </tbody>
          <tbody data-testid="help-labels">
            <tr>
              <th colSpan={2} scope="rowgroup" className="shortcut-group">
                {t('shortcut.labels.title')}
              </th>
            </tr>
            {labelRows.map(shortcutRow)}
          </tbody>
        </table>
        <p className="dialog-footer">{t('help.footer')}</p>
      </div>
    </div>
  );
}

function shortcutRow([keys, what]: readonly [string, string]) {
  return (
    <tr key={keys}>
      <td>
        <kbd>{keys}</kbd>
      </td>
      <td>{what}</td>
    </tr>
  );
}
