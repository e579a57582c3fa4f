import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { createApi } from './api/dispatcher';
import { createApp } from './app/create-app';
import { registerApiIpc } from './electron/ipc';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { APP_START_URL, externalHostsFromSettings, isTrustedRendererUrl } from './electron/security';
import { createMainWindow, denyAllPermissions } from './electron/window';

// Electron entry: wiring only. Services come from the composition root; the API from src/main/api.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    const core = createApp();
    const api = createApi(core, 'electron');
    denyAllPermissions(session.defaultSession);
    serveRenderer(join(__dirname, '..', 'renderer'));
    registerApiIpc(api, (url) => isTrustedRendererUrl(url, devServerUrl));

    const openWindow = () =>
      createMainWindow({
        preloadPath: join(__dirname, '..', 'preload', 'index.js'),
        startUrl: devServerUrl ?? APP_START_URL,
        externalHosts: () => externalHostsFromSettings(core.settings()),
      });
    let main = openWindow();
    app.on('second-instance', () => {
      if (main.isMinimized()) main.restore();
      main.focus();
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) main = openWindow();
    });
    app.on('will-quit', () => void core.close());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
