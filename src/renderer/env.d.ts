/// <reference types="vite/client" />
import type { PuenteBridge } from '../shared/api';

declare global {
  interface Window {
    /** Present in the Electron window (exposed by the preload); absent in browser mode. */
    puente?: PuenteBridge;
  }
}
