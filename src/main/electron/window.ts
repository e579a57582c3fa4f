import { BrowserWindow, type Session, shell } from 'electron';
import { isAllowedExternalUrl, windowSecurityOptions } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  startUrl: string;
  /** Read on every click, so links to newly configured dashboards work without a restart. */
  externalHosts: () => string[];
}

/** No camera, microphone, notifications, geolocation...: the app needs none of them. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Puente',
    show: false,
    webPreferences: windowSecurityOptions(options.preloadPath),
  });
  const contents = window.webContents;
  // The shell is one page: any navigation is an attack or a stray link, never a feature.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, options.externalHosts())) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl);
  return window;
}
