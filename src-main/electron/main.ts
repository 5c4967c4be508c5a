import { app, BrowserWindow, Menu, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../services/engine';
import { findAppRoot } from '../services/paths';
import { contentSecurityPolicy } from '../services/loopback/loopback-server';
import { attachIpcTransport } from './ipc-transport';
import { buildMenu } from './menu';
import { displayKey, MIN_SIZE, restoreWindow, type DisplayInfo } from './window-state';

/**
 * Electron main process: owns the engine (workspace, worker pool — training never runs on
 * this thread) and one hardened window: contextIsolation, sandbox, no nodeIntegration, strict
 * CSP, navigation locked to the app's own files.
 */
const root = findAppRoot(__dirname);
const rendererIndex = join(root, 'dist/renderer/index.html');
const rendererBase = pathToFileURL(join(root, 'dist/renderer')).href;
const isTrustedUrl = (url: string) => url.startsWith(rendererBase);

async function main(): Promise<void> {
  await app.whenReady();
  const workspaceArg = process.argv.find((a) => a.startsWith('--workspace='))?.slice('--workspace='.length);
  const engine = await Engine.create({ root, transport: 'electron' });
  const recent = engine.settings.get().recentWorkspaces[0];
  const wsDir = workspaceArg ?? recent ?? join(app.getPath('documents'), 'Vigil Workspace');
  await engine.openWorkspace(wsDir).catch((e: unknown) => console.error('could not open workspace', wsDir, e));

  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  const detach = attachIpcTransport(engine, isTrustedUrl);
  // Bounds and maximised state as last used on a display that is present now, made reachable.
  const displays = (): DisplayInfo[] => screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea }));
  const primary = screen.getPrimaryDisplay();
  const settings = engine.settings.get();
  const saved = restoreWindow(settings.windows, settings.window, displays(), { id: primary.id, bounds: primary.bounds, workArea: primary.workArea });
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    title: 'Vigil',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // Navigation and new windows never leave the app; external links open in the browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.on('close', () => {
    const b = win.getNormalBounds();
    const d = screen.getDisplayMatching(b);
    engine.settings.saveWindow(displayKey({ id: d.id, bounds: d.bounds, workArea: d.workArea }), { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  // File → Open Recent lists the recent workspaces; rebuilt whenever one is opened.
  const refreshMenu = () =>
    Menu.setApplicationMenu(
      buildMenu(engine.settings.get().recent, (path) => {
        engine.openWorkspace(path, false).catch((e: unknown) => console.error('could not open workspace', path, e));
      }),
    );
  refreshMenu();
  engine.onEvent((name, payload) => {
    if (name === 'workspace:changed' && (payload as { what: string }).what === 'workspace') refreshMenu();
  });
  await win.loadFile(rendererIndex);

  app.on('window-all-closed', () => {
    detach();
    void engine.close().finally(() => app.quit());
  });
}

main().catch((e: unknown) => {
  console.error(e);
  app.exit(1);
});
