import { Tag } from 'antd';
import type { TRole } from '../../shared/schemas/access.ts';
import { useT } from '../i18n/i18n.tsx';
import { roleLabelKey } from '../lib/roles.ts';

export function RoleTags({ roles }: { roles: readonly TRole[] }) {
  const t = useT();
  return (
    <span className="cv-tags">
      {roles.map((r) => (
        <Tag key={r} color={r === 'admin' ? 'red' : r === 'inspector' ? 'purple' : r === 'leader' ? 'gold' : 'blue'}>
          {t(roleLabelKey(r))}
        </Tag>
      ))}
    </span>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}
