import { EMPLOYMENT_TYPES, GENDERS, PARTY_ROLES } from '../../../shared/schemas/org.ts';
import type { TFunction, TKey } from '../../i18n/i18n.tsx';

export type TGender = (typeof GENDERS)[number];
export type TEmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type TPartyRole = (typeof PARTY_ROLES)[number];

export const genderKey = (g: TGender): TKey => `official.gender.${g}`;
export const employmentKey = (e: TEmploymentType): TKey => `official.employment.${e}`;
export const partyKey = (p: TPartyRole): TKey => `official.party.${p}`;

export const genderOptions = (t: TFunction) => GENDERS.map((g) => ({ value: g, label: t(genderKey(g)) }));
export const employmentOptions = (t: TFunction) => EMPLOYMENT_TYPES.map((e) => ({ value: e, label: t(employmentKey(e)) }));
export const partyOptions = (t: TFunction) => PARTY_ROLES.map((p) => ({ value: p, label: t(partyKey(p)) }));
