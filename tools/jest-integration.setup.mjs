// The integration project's default test timeout. Jest reads `testTimeout` only from the top of
// its configuration, not from a project's, so the project sets it here: tests that start processes
// get 30 s rather than 5 s, since a busy 2-core machine can take longer than 5 s to run a CLI,
// and a wait of their own, not jest's, should decide.
import { jest } from '@jest/globals';

jest.setTimeout(30_000);
