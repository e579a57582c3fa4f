import { join } from 'node:path';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import { createApi } from './api/dispatcher';
import { type App, createApp } from './app/create-app';
import { registerApiIpc } from './electron/ipc';
import { showSystemNotification } from './electron/notifications';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { SafeStorageVault } from './electron/safe-storage-vault';
import { saveExportAs } from './electron/save-dialog';
import { APP_START_URL, externalHostsFromSettings, isTrustedRendererUrl } from './electron/security';
import { createMainWindow, denyAllPermissions } from './electron/window';
import { resolveDataDir } from './settings/data-dir';

// Electron entry: wiring only. Services come from the composition root; the API from src/main/api.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    // The vault is built before the core it serves: it reaches the core's logger and redactor once both exist.
    let linked: App | undefined;
    const vault = new SafeStorageVault(
      join(resolveDataDir(undefined, process.env), 'vault.bin'),
      safeStorage,
      {
        platform: process.platform,
        allowBasicText: process.env.PUENTE_ALLOW_BASIC_TEXT_VAULT === '1',
        warn: (message) => linked?.logger.warn(message),
        onSecret: (secret) => linked?.redactor.register(secret),
      },
    );
    const core = createApp({ vault });
    linked = core;
    let main: BrowserWindow | undefined;
    const api = createApi(core, 'electron', {
      notify: showSystemNotification,
      saveAs: saveExportAs(() => main),
    });
    denyAllPermissions(session.defaultSession);
    serveRenderer(join(__dirname, '..', 'renderer'));
    registerApiIpc(api, (url) => isTrustedRendererUrl(url, devServerUrl));

    const openWindow = () =>
      createMainWindow({
        preloadPath: join(__dirname, '..', 'preload', 'index.js'),
        startUrl: devServerUrl ?? APP_START_URL,
        externalHosts: () => externalHostsFromSettings(core.settings()),
      });
    main = openWindow();
    app.on('second-instance', () => {
      if (main?.isMinimized()) main.restore();
      main?.focus();
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) main = openWindow();
    });
    app.on('will-quit', () => {
      api.close();
      void core.close();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
