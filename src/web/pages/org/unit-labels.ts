import { UNIT_KINDS } from '../../../shared/schemas/org.ts';
import type { TFunction, TKey } from '../../i18n/i18n.tsx';

export type TUnitKind = (typeof UNIT_KINDS)[number];
export const unitKindKey = (k: TUnitKind): TKey => `unitKind.${k}`;
export const unitKindOptions = (t: TFunction) =>
  UNIT_KINDS.filter((k) => k !== 'province').map((k) => ({ value: k, label: t(unitKindKey(k)) }));
