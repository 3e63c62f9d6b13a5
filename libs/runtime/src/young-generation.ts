import { setFlagsFromString } from 'node:v8';

/**
 * While a service loads its code almost everything it allocates survives, so V8 grows the young
 * generation (two semi-spaces) to its largest size, 2 × 16 MB, during start-up, and V8 11 (Node 20)
 * never gives it back: about 12 MB more resident memory per process at rest, for nothing. A
 * service's entry file (written by tools/bundle-services.mjs) holds the growth before anything
 * loads; `runService` releases it once the service listens, so traffic gets the young generation
 * V8 would size for it (BENCHMARKS.md, "Optimisations").
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Gives V8 back its own growth of the young generation (factor 2, its default). */
export function releaseYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}
