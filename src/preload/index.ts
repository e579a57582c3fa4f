import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: the renderer sees `window.puente` (call + on) and nothing of Node or Electron.
contextBridge.exposeInMainWorld('puente', createBridge(ipcRenderer));
