import { createRequire } from 'node:module';
import path from 'node:path';
import { shapeResponse } from './response-shaping';

/**
 * The @apollo/gateway release whose response shaping `shapeResponse` stands in for. With any other
 * release the gateway keeps Apollo's own, so that an upgrade never runs a replacement written
 * against different internals; re-check `response-shaping.spec.ts` against it and raise this then.
 */
export const SHAPED_GATEWAY_VERSION = '2.14.4';

const require = createRequire(import.meta.url);
const gatewayFolder = path.dirname(require.resolve('@apollo/gateway'));

/** The installed @apollo/gateway's version. */
export function gatewayVersion(): string {
  return (require(path.join(gatewayFolder, '../package.json')) as { version: string }).version;
}

/** Apollo Gateway's module of response shaping, as its plan executor requires it. */
export function apolloShapingModule(): { computeResponse?: unknown } {
  return require(path.join(gatewayFolder, 'resultShaping.js')) as { computeResponse?: unknown };
}

/**
 * Puts `shapeResponse` in place of Apollo Gateway's `computeResponse`, which its plan executor
 * looks up on its module's exports at every call. The module is internal (no public option selects
 * the shaping), hence the exact version check. Returns whether it was installed.
 */
export function installResponseShaping(): { readonly installed: boolean; readonly version: string } {
  const version = gatewayVersion();
  if (version !== SHAPED_GATEWAY_VERSION) return { installed: false, version };
  const shaping = apolloShapingModule();
  if (typeof shaping.computeResponse !== 'function') return { installed: false, version };
  shaping.computeResponse = shapeResponse;
  return { installed: true, version };
}
