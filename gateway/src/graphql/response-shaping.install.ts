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

/**
 * Puts `shapeResponse` in place of Apollo Gateway's `computeResponse`, which its plan executor
 * looks up on its module's exports at every call. The module is internal (no public option selects
 * the shaping), hence the exact version check. Returns whether it was installed.
 */
export function installResponseShaping(): { readonly installed: boolean; readonly version: string } {
  const folder = path.dirname(require.resolve('@apollo/gateway'));
  const { version } = require(path.join(folder, '../package.json')) as { version: string };
  if (version !== SHAPED_GATEWAY_VERSION) return { installed: false, version };
  const shaping = require(path.join(folder, 'resultShaping.js')) as { computeResponse?: unknown };
  if (typeof shaping.computeResponse !== 'function') return { installed: false, version };
  shaping.computeResponse = shapeResponse;
  return { installed: true, version };
}
