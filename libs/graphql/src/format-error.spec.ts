import { createFormatError } from './format-error';

describe('createFormatError', () => {
  it('keeps the message and code of a catalogued error', () => {
    const format = createFormatError({ production: true });
    const formatted = format({ message: 'Product "1" does not exist.', extensions: { code: 'NOT_FOUND' } }, undefined);
    expect(formatted).toEqual({ message: 'Product "1" does not exist.', extensions: { code: 'NOT_FOUND' } });
  });

  it('hides an unexpected error in production and reports it', () => {
    const seen: string[] = [];
    const format = createFormatError({ production: true, onInternalError: (error) => seen.push(error.message) });
    const formatted = format({ message: 'relation "x" does not exist', extensions: { stacktrace: ['…'] } }, new Error());
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).not.toContain('relation');
    expect(seen).toEqual(['relation "x" does not exist']);
  });

  it('gives an unexpected error a code but keeps its message in development', () => {
    const format = createFormatError({ production: false });
    const formatted = format({ message: 'boom' }, new Error('boom'));
    expect(formatted).toEqual({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns an error of an unavailable dependency into SERVICE_UNAVAILABLE with the message given, and does not report it as a bug', () => {
    const seen: string[] = [];
    const format = createFormatError({
      production: true,
      onInternalError: (error) => seen.push(error.message),
      unavailable: (original) =>
        (original as Error).message === 'Connection terminated' ? 'The database is unavailable; retry.' : undefined,
    });
    const formatted = format({ message: 'Connection terminated', path: ['createProduct'] }, new Error('Connection terminated'));
    expect(formatted).toEqual({
      message: 'The database is unavailable; retry.',
      path: ['createProduct'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(seen).toEqual([]);
  });
});
