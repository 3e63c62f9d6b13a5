import { z } from 'zod';
import { booleanSchema } from './env';

/**
 * Bounds on one GraphQL operation, checked before any of it is planned or run. `cost` is an
 * estimate of the objects an operation may return: list sizes (`first`) multiply what is
 * nested under them, so breadth × depth is bounded, not each alone.
 */
export interface OperationLimits {
  /** Nesting levels of fields (fragments do not add a level). */
  readonly depth: number;
  readonly aliases: number;
  /** Fields selected at the root of the operation. */
  readonly rootFields: number;
  readonly directives: number;
  /** Lexical tokens of the whole document; bounds the work of parsing and validating it. */
  readonly tokens: number;
  /** Estimated objects returned (see the README's "Safe edge"). */
  readonly cost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  depth: 12,
  aliases: 30,
  rootFields: 10,
  directives: 20,
  tokens: 2000,
  cost: 5000,
};

/** The largest request body a service reads, 1 MiB by default. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** A shared secret shorter than this is refused: it must not be guessable. */
export const MIN_SUBGRAPH_SECRET_LENGTH = 32;

/** What a service does at its HTTP and GraphQL edge: limits, introspection, the gateway's credential. */
export interface EdgeConfig {
  readonly limits: OperationLimits;
  readonly bodyLimitBytes: number;
  /** GraphQL introspection; on in development, off in production unless `INTROSPECTION=true`. */
  readonly introspection: boolean;
  /**
   * The secret the gateway sends to every subgraph and subgraphs require. Optional in
   * development (subgraphs then answer anyone), required in production.
   */
  readonly subgraphSecret?: string;
}

const positiveInt = z.coerce.number().int().positive();

/** The environment variables of {@link EdgeConfig}, validated with the rest of a service's. */
export const edgeEnvironmentShape = {
  MAX_DEPTH: positiveInt.default(DEFAULT_OPERATION_LIMITS.depth),
  MAX_ALIASES: positiveInt.default(DEFAULT_OPERATION_LIMITS.aliases),
  MAX_ROOT_FIELDS: positiveInt.default(DEFAULT_OPERATION_LIMITS.rootFields),
  MAX_DIRECTIVES: positiveInt.default(DEFAULT_OPERATION_LIMITS.directives),
  MAX_TOKENS: positiveInt.default(DEFAULT_OPERATION_LIMITS.tokens),
  MAX_COST: positiveInt.default(DEFAULT_OPERATION_LIMITS.cost),
  MAX_BODY_BYTES: positiveInt.default(DEFAULT_BODY_LIMIT_BYTES),
  INTROSPECTION: booleanSchema.optional(),
  SUBGRAPH_SECRET: z
    .string()
    .min(MIN_SUBGRAPH_SECRET_LENGTH, `at least ${MIN_SUBGRAPH_SECRET_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`)
    .optional(),
};

type EdgeEnvironment = z.infer<z.ZodObject<typeof edgeEnvironmentShape>>;

/** The problem that stops a production start without the gateway's credential, if any. */
export function missingSecretProblem(values: EdgeEnvironment, production: boolean): string | undefined {
  if (!production || values.SUBGRAPH_SECRET) return undefined;
  return (
    'SUBGRAPH_SECRET=null: required in production, where subgraphs answer only the gateway. ' +
    'Set the same random value (e.g. `openssl rand -hex 32`) on the gateway and every subgraph.'
  );
}

export function edgeConfig(values: EdgeEnvironment, production: boolean): EdgeConfig {
  return {
    limits: {
      depth: values.MAX_DEPTH,
      aliases: values.MAX_ALIASES,
      rootFields: values.MAX_ROOT_FIELDS,
      directives: values.MAX_DIRECTIVES,
      tokens: values.MAX_TOKENS,
      cost: values.MAX_COST,
    },
    bodyLimitBytes: values.MAX_BODY_BYTES,
    introspection: values.INTROSPECTION ?? !production,
    subgraphSecret: values.SUBGRAPH_SECRET,
  };
}
