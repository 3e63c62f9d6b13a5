import { z } from 'zod';
import { ConfigError } from './config.error';

/** The environment as the process received it; only apps pass `process.env` in. */
export type Environment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_DATABASE_SERVER_URL = 'postgres://postgres@localhost:5432';
export const DEFAULT_RABBITMQ_URL = 'amqp://guest:guest@localhost:5672';
export const DEFAULT_BROKER_NAMESPACE = 'agora';

/** A TCP port given as a decimal string. */
export const portSchema = z.coerce.number().int().min(0).max(65535);

/** `1`, `true`, `yes` (any case) are true; `0`, `false`, `no` are false. */
export const booleanSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', 'true', 'yes', '0', 'false', 'no']))
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** A comma-separated list, trimmed, without empty entries. */
export const listSchema = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/**
 * Parses the environment with a zod object schema whose keys are variable names, and fails with
 * one error that lists every bad variable, so an operator fixes them all in one go.
 */
export function parseEnvironment<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  env: Environment,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.');
    return `${variable}=${JSON.stringify(env[variable] ?? null)}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}
