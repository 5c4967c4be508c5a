import { app, BrowserWindow, Menu, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../services/engine';
import { findAppRoot } from '../services/paths';
import { contentSecurityPolicy } from '../services/loopback/loopback-server';
import { attachIpcTransport } from './ipc-transport';
import { buildMenu } from './menu';

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
  const saved = engine.settings.get().window;
  const win = new BrowserWindow({
    width: saved?.width ?? 1440,
    height: saved?.height ?? 900,
    ...(saved?.x !== undefined && saved?.y !== undefined ? { x: saved.x, y: saved.y } : {}),
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
  if (saved?.maximized) win.maximize();
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
    engine.settings.update({ window: { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() } });
  });
  Menu.setApplicationMenu(buildMenu());
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
