import { ConfigError } from './config.error';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_OPERATION_LIMITS } from './edge-config';
import { loadServiceConfig } from './service-config';

const SECRET = 'a'.repeat(64);

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the edge configuration', () => {
  it('has the documented defaults: limits, a 1 MiB body, introspection in development and no secret', () => {
    const { edge } = loadServiceConfig('gateway', 4000, {});
    expect(edge).toEqual({ limits: DEFAULT_OPERATION_LIMITS, bodyLimitBytes: 1024 * 1024, introspection: true, subgraphSecret: undefined });
    expect(DEFAULT_BODY_LIMIT_BYTES).toBe(1_048_576);
  });

  it('reads every limit from its variable', () => {
    const { edge } = loadServiceConfig('gateway', 4000, {
      MAX_DEPTH: '8',
      MAX_ALIASES: '5',
      MAX_ROOT_FIELDS: '3',
      MAX_DIRECTIVES: '4',
      MAX_TOKENS: '500',
      MAX_COST: '900',
      MAX_BODY_BYTES: '2048',
    });
    expect(edge.limits).toEqual({ depth: 8, aliases: 5, rootFields: 3, directives: 4, tokens: 500, cost: 900 });
    expect(edge.bodyLimitBytes).toBe(2048);
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    const problems = problemsOf(() => loadServiceConfig('gateway', 4000, { MAX_DEPTH: '0', MAX_COST: 'lots' }));
    expect(problems).toContain('MAX_DEPTH="0"');
    expect(problems).toContain('MAX_COST="lots"');
  });

  it('turns introspection off in production unless INTROSPECTION says otherwise', () => {
    expect(loadServiceConfig('gateway', 4000, { NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET }).edge.introspection).toBe(false);
    expect(
      loadServiceConfig('gateway', 4000, { NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET, INTROSPECTION: 'true' }).edge.introspection,
    ).toBe(true);
    expect(loadServiceConfig('gateway', 4000, { INTROSPECTION: 'no' }).edge.introspection).toBe(false);
  });

  it('refuses to start in production without SUBGRAPH_SECRET, saying how to make one', () => {
    expect(problemsOf(() => loadServiceConfig('catalog', 4002, { NODE_ENV: 'production' }))).toMatch(
      /SUBGRAPH_SECRET=null: required in production.*openssl rand -hex 32/,
    );
    expect(loadServiceConfig('catalog', 4002, { NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET }).edge.subgraphSecret).toBe(SECRET);
  });

  it('refuses a secret short enough to guess', () => {
    expect(problemsOf(() => loadServiceConfig('catalog', 4002, { SUBGRAPH_SECRET: 'short' }))).toMatch(
      /SUBGRAPH_SECRET="short": at least 32 characters/,
    );
  });
});
