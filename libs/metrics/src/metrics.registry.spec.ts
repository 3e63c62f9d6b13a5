import { waitFor } from '@agora/polling';
import { MetricsRegistry } from './metrics.registry';

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // a synchronous stall, as a hostile request's CPU-bound work would be
  }
}

describe('MetricsRegistry', () => {
  it("still sees a stalled event loop with the lag sampled every 100 ms rather than prom-client's 10", async () => {
    const metrics = new MetricsRegistry();
    // As Prometheus reads it: a scrape reports the samples taken since the previous one and
    // restarts the monitor's interval, so each attempt lets it tick (the polling interval) before
    // stalling for 400 ms, then lets its overdue timer fire (it expired before this one) and scrapes.
    const stallSeen = async () => {
      blockFor(400);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      return Number(/^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(await metrics.registry.metrics())?.[1] ?? 0) >= 0.3;
    };
    await waitFor(stallSeen, { description: 'the stall in nodejs_eventloop_lag_max_seconds', intervalMs: 300, timeoutMs: 8_000 });
    metrics.registry.clear();
  }, 15_000);
});
