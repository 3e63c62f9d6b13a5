import { Injectable } from '@nestjs/common';

/** A readiness check: resolves when the dependency is usable, rejects with the reason when not. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export type CheckResult = { readonly status: 'up' } | { readonly status: 'down'; readonly reason: string };

export interface ReadinessReport {
  readonly status: 'ready' | 'unavailable';
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/** How long one check may take before it counts as down; readiness probes must answer fast. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

/**
 * The readiness checks of one process. Modules that own a dependency (database, broker,
 * supergraph) register their check here when they start.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(check: ReadinessCheck): void {
    if (this.checks.has(check.name)) throw new Error(`readiness check "${check.name}" is registered twice`);
    this.checks.set(check.name, check);
  }

  async readiness(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks.values()].map(async (check) => [check.name, await runCheck(check)] as const));
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, result]) => result.status === 'up');
    return { status: ready ? 'ready' : 'unavailable', checks };
  }
}

async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_CHECK_TIMEOUT_MS} ms`)), READINESS_CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
