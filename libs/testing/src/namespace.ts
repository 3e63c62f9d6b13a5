import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** Every database and broker object a test creates starts with this, so cleanup finds it. */
export const TEST_PREFIX = 'agora_test_';

/**
 * A name unique to one test run, usable as a database-name prefix and a broker namespace:
 * tests never collide with each other nor with a running `npm start` (namespace `agora`).
 */
export function testNamespace(): string {
  return `${TEST_PREFIX}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** An address nothing answers at (the discard port), for dependencies a test does not start. */
export const UNREACHABLE_ORIGIN = 'http://127.0.0.1:9';

/** A TCP port that was free a moment ago, for a service a test starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
