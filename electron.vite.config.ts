import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for the three faces: the Electron main process and the `puente` CLI share the core
// (src/main), the preload is the typed bridge, the renderer is the React app served to both
// Electron (custom protocol) and browser mode (HTTP bridge).
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          // The simulated portals: no part of the app, but `npm run sim` and `puente demo` load them.
          sim: resolve(__dirname, 'tests/sim/cli.ts'),
          'sim-lib': resolve(__dirname, 'tests/sim/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
