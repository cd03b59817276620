import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useT, type TKey } from '../../i18n/i18n.tsx';

export const CLEAR_FIELDS = ['ownerId', 'description', 'dueAt', 'expectedResult', 'accountableId', 'authority'] as const;
export type ClearField = (typeof CLEAR_FIELDS)[number];
export const isClearField = (f: string): f is ClearField => (CLEAR_FIELDS as readonly string[]).includes(f);
export const clearLabelKey = (f: ClearField): TKey => `tasks.clear.${f}`;

export interface ClearItem {
  field: ClearField;
  /** What the task says for this "rõ" (empty while it is not clear). */
  value?: ReactNode;
  ok: boolean;
  /** Optional "rõ" (thẩm quyền where the unit does not require it): shown grey when empty, not red. */
  optional?: boolean;
  missing?: boolean;
}

/** The five "rõ" (and "rõ thẩm quyền") as a checklist: a green tick for each that is clear. */
export function FiveClearChecklist({ items, testId, compact }: { items: ClearItem[]; testId?: string; compact?: boolean }) {
  const t = useT();
  const required = items.filter((i) => !i.optional);
  const done = required.filter((i) => i.ok).length;
  return (
    <div className={compact ? 'cv-clear cv-clear-compact' : 'cv-clear'} data-testid={testId}>
      <div className="cv-clear-count" aria-live="polite">
        {t('tasks.clear.checklistCount', { done, total: required.length })}
      </div>
      <ul className="cv-clear-list" aria-label={t('tasks.clear.checklistLabel')}>
        {items.map((item) => {
          const state = item.ok ? 'ok' : item.missing ? 'missing' : item.optional ? 'optional' : 'todo';
          return (
            <li key={item.field} className={`cv-clear-item cv-clear-${state}`} data-testid={`clear-${item.field}`} data-state={state}>
              <span className="cv-clear-icon" aria-hidden>
                {item.ok ? <CheckCircleFilled /> : item.missing ? <ExclamationCircleFilled /> : <MinusCircleOutlined />}
              </span>
              <div className="cv-clear-body">
                <div className="cv-clear-name">
                  {t(clearLabelKey(item.field))}
                  <span className="cv-sr-only">: {item.ok ? t('tasks.clear.ok') : t('tasks.clear.notYet')}</span>
                </div>
                {compact ? null : <div className="cv-clear-value">{item.value ?? <span className="cv-muted">{item.optional ? t('tasks.clear.authorityNone') : t('tasks.clear.notYet')}</span>}</div>}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
