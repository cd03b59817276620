import { ApartmentOutlined, DragOutlined, EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { App as AntApp, Breadcrumb, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TOfficialSummary, TPosition, TUnit } from '../../../shared/schemas/org.ts';
import { useOfficials } from '../../api/officials.queries.ts';
import { usePositions, useUpdateUnit } from '../../api/org.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ActiveTag } from '../../components/tags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { canWriteUnits } from '../../lib/roles.ts';
import { unitPath } from '../../lib/unit-tree.ts';
import { partyKey } from '../officials/official-labels.ts';
import { PositionForm } from './position-form.tsx';
import { MoveUnitForm, UnitForm } from './unit-form.tsx';
import { unitKindKey } from './unit-labels.ts';

const OFFICIALS_PREVIEW = 20;

type Dialog =
  | { kind: 'child' }
  | { kind: 'edit' }
  | { kind: 'move' }
  | { kind: 'position'; position?: TPosition }
  | null;

interface UnitDetailProps {
  unit: TUnit;
  units: readonly TUnit[];
  onSelect: (id: string) => void;
}

export function UnitDetail({ unit, units, onSelect }: UnitDetailProps) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = AntApp.useApp();
  const canWrite = canWriteUnits(me);
  const [dialog, setDialog] = useState<Dialog>(null);
  const positions = usePositions(unit.id);
  const officials = useOfficials({ unitId: unit.id, limit: OFFICIALS_PREVIEW });
  const update = useUpdateUnit();
  const path = unitPath(units, unit.id);
  const parent = unit.parentId ? units.find((u) => u.id === unit.parentId) : undefined;
  const none = <span className="cv-muted">{t('common.none')}</span>;
  const officialRows = officials.data?.pages[0]?.items ?? [];

  const setActive = (active: boolean) =>
    update.mutate({ id: unit.id, patch: { active } }, { onSuccess: () => void message.success(t('common.saved')) });

  const positionColumns: TableColumnsType<TPosition> = [
    {
      key: 'title',
      title: t('position.title'),
      width: '38%',
      render: (_, p) => (
        <div>
          <strong>{p.title}</strong> {!p.active ? <Tag>{t('common.inactive')}</Tag> : null}
          {p.jobDescription ? <div className="cv-cell-sub cv-clamp-2">{p.jobDescription}</div> : null}
        </div>
      ),
    },
    { key: 'code', title: t('position.code'), dataIndex: 'code', responsive: ['sm'], render: (v: string | null) => (v ? <span className="cv-nowrap cv-mono">{v}</span> : none) },
    {
      key: 'competencies',
      title: t('position.competencies'),
      responsive: ['md'],
      render: (_, p) =>
        p.competencies.length ? (
          <span className="cv-tags">
            {p.competencies.map((c) => (
              <Tag key={c.name}>
                {c.name} · {t('position.level', { level: c.level })}
              </Tag>
            ))}
          </span>
        ) : (
          none
        ),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: <span className="cv-sr-only">{t('common.actions')}</span>,
            width: 56,
            render: (_: unknown, p: TPosition) => (
              <Button
                type="text"
                icon={<EditOutlined aria-hidden />}
                aria-label={`${t('position.edit')}: ${p.title}`}
                onClick={() => setDialog({ kind: 'position', position: p })}
              />
            ),
          },
        ]
      : []),
  ];

  const officialColumns: TableColumnsType<TOfficialSummary> = [
    {
      key: 'name',
      title: t('official.fullName'),
      render: (_, o) => (
        <span>
          <Link to={`/officials?id=${o.id}`} className="cv-name-link">
            {o.fullName}
          </Link>
          {o.isHead ? <Tag color="red" className="cv-inline-tag">{t('official.headTag')}</Tag> : null}
        </span>
      ),
    },
    { key: 'position', title: t('official.position'), responsive: ['sm'], render: (_, o) => o.positionTitle ?? none },
    { key: 'unit', title: t('official.unit'), dataIndex: 'unitName', responsive: ['lg'] },
    {
      key: 'party',
      title: t('official.partyRole'),
      responsive: ['xl'],
      render: (_, o) => (o.partyRole === 'none' ? none : t(partyKey(o.partyRole))),
    },
  ];

  return (
    <div className="cv-unit-detail" data-testid="unit-detail">
      <Breadcrumb
        className="cv-unit-path"
        items={path.map((u) => ({
          key: u.id,
          title:
            u.id === unit.id ? (
              u.shortName ?? u.name
            ) : (
              <button type="button" className="cv-link-button" onClick={() => onSelect(u.id)}>
                {u.shortName ?? u.name}
              </button>
            ),
        }))}
      />
      <Card className="cv-card">
        <div className="cv-unit-head">
          <div>
            <Typography.Title level={2} className="cv-unit-name">
              <ApartmentOutlined aria-hidden /> {unit.name}
            </Typography.Title>
            <Space size={4} wrap>
              <Tag color="geekblue">{t(unitKindKey(unit.kind))}</Tag>
              <ActiveTag active={unit.active} />
            </Space>
          </div>
          {canWrite ? (
            <Space wrap className="cv-unit-actions">
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'child' })} disabled={!unit.active}>
                {t('org.addChild')}
              </Button>
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog({ kind: 'edit' })}>
                {t('common.edit')}
              </Button>
              {unit.parentId ? (
                <Button icon={<DragOutlined aria-hidden />} onClick={() => setDialog({ kind: 'move' })}>
                  {t('org.moveUnit')}
                </Button>
              ) : null}
              {unit.parentId ? (
                unit.active ? (
                  <Popconfirm
                    title={t('org.deactivateConfirm', { name: unit.name })}
                    description={t('org.deactivateHelp')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => setActive(false)}
                  >
                    <Button danger icon={<StopOutlined aria-hidden />} loading={update.isPending}>
                      {t('org.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button icon={<UndoOutlined aria-hidden />} onClick={() => setActive(true)} loading={update.isPending}>
                    {t('org.reactivate')}
                  </Button>
                )
              ) : null}
            </Space>
          ) : null}
        </div>
        <ProblemAlert error={update.error} />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'code', label: t('org.code'), children: <span className="cv-mono">{unit.code}</span> },
            { key: 'adminCode', label: t('org.adminCode'), children: unit.adminCode ?? none },
            { key: 'shortName', label: t('org.shortName'), children: unit.shortName ?? none },
            {
              key: 'parent',
              label: t('org.parent'),
              children: parent ? (
                <button type="button" className="cv-link-button" onClick={() => onSelect(parent.id)}>
                  {parent.name}
                </button>
              ) : (
                none
              ),
            },
            { key: 'count', label: t('org.officialCount'), children: unit.officialCount ?? none },
          ]}
        />
      </Card>

      <Card
        className="cv-card"
        title={t('org.positions')}
        extra={
          canWrite ? (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'position' })}>
              {t('position.add')}
            </Button>
          ) : null
        }
      >
        <ProblemAlert error={positions.error} />
        {positions.isPending ? (
          <Skeleton active />
        ) : (
          <Table<TPosition>
            rowKey="id"
            size="small"
            columns={positionColumns}
            dataSource={positions.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noPositions')} /> }}
            data-testid="unit-positions"
          />
        )}
      </Card>

      <Card className="cv-card" title={t('org.officials')}>
        <Typography.Paragraph type="secondary" className="cv-card-hint">
          {t('org.officialsHint', { count: OFFICIALS_PREVIEW })}
        </Typography.Paragraph>
        <ProblemAlert error={officials.error} />
        <Table<TOfficialSummary>
          rowKey="id"
          size="small"
          columns={officialColumns}
          dataSource={officialRows}
          loading={officials.isPending}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noOfficials')} /> }}
          data-testid="unit-officials"
        />
        <div className="cv-card-footer-link">
          <Link to={`/officials?unit=${unit.id}`}>{t('org.viewAllOfficials')} →</Link>
        </div>
      </Card>

      {dialog?.kind === 'child' ? (
        <UnitForm parent={unit} units={units} onClose={() => setDialog(null)} onSaved={(u) => { setDialog(null); onSelect(u.id); }} />
      ) : null}
      {dialog?.kind === 'edit' ? <UnitForm unit={unit} units={units} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} /> : null}
      {dialog?.kind === 'move' ? <MoveUnitForm unit={unit} units={units} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} /> : null}
      {dialog?.kind === 'position' ? (
        <PositionForm unitId={unit.id} position={dialog.position} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
