import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentEntry } from '../services/user-settings';

/**
 * Application menu; the renderer owns the in-app shortcuts (its help overlay, `?`, lists them;
 * Ctrl/Cmd+O opens its workspace menu). File → Open Recent opens a recent workspace directly.
 */
export function buildMenu(recent: readonly RecentEntry[] = [], openRecent: (path: string) => void = () => undefined): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Recent',
          submenu: recent.length > 0 ? recent.map((e) => ({ label: e.path, click: () => openRecent(e.path) })) : [{ label: 'No recent workspaces', enabled: false }],
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
