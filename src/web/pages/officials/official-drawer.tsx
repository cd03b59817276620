import { EditOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Descriptions, Drawer, Grid, Popconfirm, Skeleton, Space, Tag } from 'antd';
import type { TOfficial } from '../../../shared/schemas/org.ts';
import { useOfficial, useUpdateOfficial } from '../../api/officials.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ActiveTag } from '../../components/tags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';
import { canWriteOfficials } from '../../lib/roles.ts';
import { employmentKey, genderKey, partyKey } from './official-labels.ts';

interface OfficialDrawerProps {
  id: string | null;
  onClose: () => void;
  onEdit: (official: TOfficial) => void;
}

export function OfficialDrawer({ id, onClose, onEdit }: OfficialDrawerProps) {
  const t = useT();
  const me = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const { message } = AntApp.useApp();
  const official = useOfficial(id);
  const update = useUpdateOfficial();
  const o = official.data;
  const none = <span className="cv-muted">{t('common.none')}</span>;
  const canWrite = canWriteOfficials(me);

  const setActive = (active: boolean) => {
    if (!o) return;
    update.mutate({ id: o.id, patch: { active } }, { onSuccess: () => void message.success(t('common.saved')) });
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={t('official.detail')}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={
        canWrite && o ? (
          <Space wrap className="cv-drawer-footer">
            {o.active ? (
              <Popconfirm
                title={t('official.deactivateConfirm', { name: o.fullName })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => setActive(false)}
              >
                <Button danger icon={<StopOutlined aria-hidden />} loading={update.isPending}>
                  {t('official.deactivate')}
                </Button>
              </Popconfirm>
            ) : (
              <Button icon={<UndoOutlined aria-hidden />} onClick={() => setActive(true)} loading={update.isPending}>
                {t('official.reactivate')}
              </Button>
            )}
            <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => onEdit(o)}>
              {t('common.edit')}
            </Button>
          </Space>
        ) : null
      }
    >
      <div data-testid="official-detail">
        <ProblemAlert error={official.error ?? update.error} />
        {official.isPending && id ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
        {o ? (
          <>
            <div className="cv-official-head">
              <h2 className="cv-official-name">{o.fullName}</h2>
              <Space size={4} wrap>
                {o.isHead ? <Tag color="red">{t('official.headTag')}</Tag> : null}
                <ActiveTag active={o.active} />
              </Space>
            </div>
            <Descriptions
              column={1}
              size="small"
              bordered
              styles={{ label: { width: screens.sm ? 200 : 130 } }}
              items={[
                { key: 'idNumber', label: t('official.idNumber'), children: <span className="cv-mono">{o.idNumber}</span> },
                { key: 'gender', label: t('official.gender'), children: o.gender ? t(genderKey(o.gender)) : none },
                { key: 'birthDate', label: t('official.birthDate'), children: formatDate(o.birthDate) || none },
                { key: 'email', label: t('official.email'), children: o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : none },
                { key: 'phone', label: t('official.phone'), children: o.phone ? <a href={`tel:${o.phone}`}>{o.phone}</a> : none },
                { key: 'unit', label: t('official.unit'), children: o.unitName },
                { key: 'position', label: t('official.position'), children: o.positionTitle ?? none },
                { key: 'rank', label: t('official.rank'), children: o.rank ?? none },
                { key: 'type', label: t('official.employmentType'), children: t(employmentKey(o.employmentType)) },
                { key: 'party', label: t('official.partyRole'), children: t(partyKey(o.partyRole)) },
                { key: 'isHead', label: t('official.isHead'), children: o.isHead ? t('common.yes') : t('common.no') },
                { key: 'startedOn', label: t('official.startedOn'), children: formatDate(o.startedOn) || none },
              ]}
            />
          </>
        ) : null}
      </div>
    </Drawer>
  );
}
