import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './connection-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['terminated by the administrator (restart)', withCode('57P01', 'terminating connection due to administrator command')],
    ['starting up', withCode('57P03', 'the database system is starting up')],
    ['connection failure', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a broken pooled client', new Error('Client has encountered a connection error and is not queryable')],
    ['the pool waiting too long', new Error('timeout exceeded when trying to connect')],
    ['a new connection timing out', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['the client timing out', new Error('timeout expired')],
    ['a query straight to a pool closed by a shutdown', new Error('Cannot use a pool after calling end on the pool')],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect')],
  ])('%s → yes', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['bad input', withCode('22P02', 'invalid input syntax for type uuid')],
    ['a deadlock', withCode('40P01')],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', null],
  ])('%s → no', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
