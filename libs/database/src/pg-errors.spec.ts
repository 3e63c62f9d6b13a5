import { PgErrorCode, pgErrorCode } from './pg-errors';

describe('pgErrorCode', () => {
  it('reads the SQLSTATE of a pg error and of one drizzle wrapped', () => {
    expect(pgErrorCode({ code: '23505' })).toBe(PgErrorCode.UNIQUE_VIOLATION);
    expect(pgErrorCode(new Error('failed query', { cause: { code: '22003' } }))).toBe(PgErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
  });

  it('is undefined for errors that are not PostgreSQL errors', () => {
    expect(pgErrorCode(new Error('boom'))).toBeUndefined();
    expect(pgErrorCode(undefined)).toBeUndefined();
    expect(pgErrorCode({ code: 404 })).toBeUndefined();
  });
});
