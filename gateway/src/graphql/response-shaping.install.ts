import type { Operation, Schema } from '@apollo/federation-internals';
import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';
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
/** Resolves as @apollo/gateway does, so its own copy of @apollo/federation-internals is the one patched. */
const gatewayRequire = createRequire(path.join(gatewayFolder, 'index.js'));

/** The installed @apollo/gateway's version. */
export function gatewayVersion(): string {
  return (require(path.join(gatewayFolder, '../package.json')) as { version: string }).version;
}

/** Apollo Gateway's module of response shaping, as its plan executor requires it. */
export function apolloShapingModule(): { computeResponse?: unknown } {
  return require(path.join(gatewayFolder, 'resultShaping.js')) as { computeResponse?: unknown };
}

/** The operations module of the @apollo/federation-internals that @apollo/gateway loads, and its version. */
export function apolloOperationsModule(): { readonly exports: { operationFromDocument?: unknown }; readonly version: string } {
  const internals = path.dirname(gatewayRequire.resolve('@apollo/federation-internals'));
  const { version } = gatewayRequire(path.join(internals, '../package.json')) as { version: string };
  return { exports: gatewayRequire(path.join(internals, 'operations.js')) as { operationFromDocument?: unknown }, version };
}

/** Wrappers made by `operationsBuiltOnce`: installing twice (a second gateway module in one process) wraps once. */
const builtOnce = new WeakSet<OperationFromDocument>();

type OperationFromDocument = (
  schema: Schema,
  document: DocumentNode,
  options?: { operationName?: string; validate?: boolean },
) => Operation;

/**
 * `operationFromDocument` that builds the plan executor's operation once per parsed document.
 * Apollo Gateway's executor rebuilds the operation (federation's selection sets, from the client's
 * document) on every request, which response shaping then walks; Apollo Server keeps each parsed
 * document, so the same operation node comes back with every request of the same query text. The
 * executor's call is the one with `validate: false` and a document that is the operation followed
 * by its fragments (so one operation node means one document and one set of fragments); every
 * other call, such as the planner's, builds as before. Kept per schema, and dropped with the
 * parsed document (weak references). The operation is only read after it is built (and shaping
 * keeps its own per-selection-set steps beside it), so sharing it between requests is safe.
 */
export function operationsBuiltOnce(build: OperationFromDocument): OperationFromDocument {
  if (builtOnce.has(build)) return build;
  const bySchema = new WeakMap<Schema, WeakMap<OperationDefinitionNode, Operation>>();
  const once: OperationFromDocument = (schema, document, options) => {
    const [operation] = document.definitions;
    if (options?.validate !== false || options.operationName !== undefined || operation?.kind !== Kind.OPERATION_DEFINITION)
      return build(schema, document, options);
    let byOperation = bySchema.get(schema);
    if (!byOperation) bySchema.set(schema, (byOperation = new WeakMap()));
    let built = byOperation.get(operation);
    if (!built) byOperation.set(operation, (built = build(schema, document, options)));
    return built;
  };
  builtOnce.add(once);
  return once;
}

/**
 * Puts `shapeResponse` in place of Apollo Gateway's `computeResponse`, which its plan executor
 * looks up on its module's exports at every call, and builds the operation it shapes once per
 * parsed document (`operationsBuiltOnce`, through the exports of federation's operations module,
 * which the executor reads the same way). The modules are internal (no public option selects the
 * shaping), hence the exact version check of both packages. Returns whether it was installed.
 */
export function installResponseShaping(): { readonly installed: boolean; readonly version: string } {
  const version = gatewayVersion();
  if (version !== SHAPED_GATEWAY_VERSION) return { installed: false, version };
  const shaping = apolloShapingModule();
  const { exports: operations, version: internalsVersion } = apolloOperationsModule();
  if (typeof shaping.computeResponse !== 'function') return { installed: false, version };
  shaping.computeResponse = shapeResponse;
  if (internalsVersion === SHAPED_GATEWAY_VERSION && typeof operations.operationFromDocument === 'function')
    operations.operationFromDocument = operationsBuiltOnce(operations.operationFromDocument as OperationFromDocument);
  return { installed: true, version };
}
