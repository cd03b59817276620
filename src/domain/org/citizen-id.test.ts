import { describe, expect, it } from 'vitest';
import { checkCitizenId, parseCitizenId } from './citizen-id.ts';

describe('citizen identity number (legal-facts §5.1)', () => {
  it.each([
    ['025090001234', { provinceCode: '025', sex: 'male', birthYear: 1990 }],
    ['026185000001', { provinceCode: '026', sex: 'female', birthYear: 1985 }],
    ['001203123456', { provinceCode: '001', sex: 'male', birthYear: 2003 }],
    ['079305654321', { provinceCode: '079', sex: 'female', birthYear: 2005 }],
  ])('%s decodes', (id, facts) => {
    expect(parseCitizenId(id)).toEqual(facts);
  });

  it.each([
    ['12345678901', 'format'],
    ['0250900012345', 'format'],
    ['02509000123a', 'format'],
    ['003090001234', 'province'],
    ['099090001234', 'province'],
  ])('%s is refused as %s', (id, problem) => {
    expect(parseCitizenId(id)).toBe(problem);
  });

  it('cross-checks birth year and sex when known', () => {
    expect(checkCitizenId('025090001234', { birthYear: 1990, gender: 'male' })).toBeNull();
    expect(checkCitizenId('025090001234', { birthYear: 1991 })).toBe('birth_year_mismatch');
    expect(checkCitizenId('025090001234', { gender: 'female' })).toBe('sex_mismatch');
  });
});
