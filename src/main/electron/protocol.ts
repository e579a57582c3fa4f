import { protocol } from 'electron';
import { rendererFileResponse } from './protocol-response';
import { APP_SCHEME, appSchemePrivileges } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges()]);
}

/** Serves the built renderer on app://puente (after the app is ready). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererFileResponse(rendererDir, request.url));
}
