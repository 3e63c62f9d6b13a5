import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventCatalogue } from './catalogue';
import { parseEnvelope } from './envelope';

/**
 * contracts/fixtures holds one recorded envelope per event type, as producers have sent it. Once
 * committed, a fixture is history: it is not edited to fit a changed contract, since messages
 * like it may still wait in queues (consumers replay them in e2e/test/consumer-fixtures.test.ts).
 */
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const fixtureTypes = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

describe('recorded event fixtures', () => {
  it('record one envelope of every event type in the catalogue, and of nothing else', () => {
    expect(fixtureTypes.sort()).toEqual([...eventCatalogue.keys()].sort());
  });

  it.each(fixtureTypes)('%s is a valid envelope of its contract', (type) => {
    const envelope = JSON.parse(readFileSync(`${FIXTURES}/${type}.json`, 'utf8')) as unknown;
    expect(parseEnvelope(eventCatalogue.get(type)!, envelope).type).toBe(type);
  });
});
