import { AuditOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Grid, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import type { TUnitClassification } from '../../api/evaluation.queries.ts';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { LevelTag } from './common.tsx';
import type { DecisionSubject } from './decision-modal.tsx';
import { formatScore } from './evaluation-labels.ts';
import { Reasons } from './common.tsx';

export const unitSubject = (u: TUnitClassification): DecisionSubject => ({
  kind: 'unit',
  id: u.id,
  name: u.name,
  score: u.score,
  proposedLevel: u.proposedLevel,
  reasons: u.reasons,
  decidedLevel: u.decidedLevel,
  decisionReason: u.decisionReason,
});


function Tasks({ tasks }: { tasks: TUnitClassification['tasks'] }) {
  const t = useT();
  if (tasks.due === 0) return <span className="cv-muted">{t('evaluation.unitClass.noTasks')}</span>;
  return (
    <>
      <div className="cv-nowrap">{t('evaluation.unitClass.tasksDone', { done: tasks.done, due: tasks.due })}</div>
      <div className="cv-cell-sub">{t('evaluation.unitClass.tasksOnTime', { onTime: tasks.onTime })}</div>
    </>
  );
}

function Decision({ u }: { u: TUnitClassification }) {
  const t = useT();
  return u.decidedLevel ? (
    <>
      <LevelTag level={u.decidedLevel} testId="unit-decided-level" />
      {u.decisionReason ? <div className="cv-cell-sub cv-clamp-2">“{u.decisionReason}”</div> : null}
    </>
  ) : (
    <span className="cv-muted">{t('evaluation.class.notDecided')}</span>
  );
}

/**
 * The units' levels of the year, listed before their people (a unit's level caps its head's):
 * score, tasks done and on time, the proposal with its grounds, the council's decision.
 */
export function UnitClassificationSection({ year, units, council, loading, onDecide }: { year: number; units: TUnitClassification[]; council: boolean; loading: boolean; onDecide: (s: DecisionSubject) => void }) {
  const t = useT();
  const [lang] = useLanguage();
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const words = foldDiacritics(q).split(' ').filter(Boolean);
    return units.filter((u) => words.every((w) => foldDiacritics(`${u.name} ${u.code}`).includes(w)));
  }, [units, q]);
  // Indent by depth below the shallowest unit shown, so the tree reads at a glance.
  const top = Math.min(...units.map((u) => u.depth));
  const decideButton = (u: TUnitClassification) => (
    <Button size="small" icon={<AuditOutlined aria-hidden />} onClick={() => onDecide(unitSubject(u))} aria-label={t('evaluation.class.decideWho', { name: u.name })} data-testid="unit-decide-button">
      {t(u.decidedLevel ? 'evaluation.class.redecide' : 'evaluation.class.decide')}
    </Button>
  );
  const columns: TableColumnsType<TUnitClassification> = [
    {
      key: 'unit',
      title: t('evaluation.unitClass.unit'),
      render: (_, u) => (
        <div style={{ paddingInlineStart: Math.min(4, u.depth - top) * 16 }}>
          <div className="ev-name">{u.name}</div>
          <div className="cv-cell-sub cv-mono">{u.code}</div>
        </div>
      ),
    },
    { key: 'score', title: t('evaluation.unitClass.score'), align: 'right', render: (_, u) => <strong>{formatScore(u.score, lang)}</strong> },
    { key: 'tasks', title: t('evaluation.unitClass.tasks'), render: (_, u) => <Tasks tasks={u.tasks} /> },
    {
      key: 'proposal',
      title: t('evaluation.class.proposal'),
      width: '34%',
      render: (_, u) => (
        <>
          <LevelTag level={u.proposedLevel} testId="unit-proposed-level" />
          <Reasons reasons={u.reasons} />
        </>
      ),
    },
    { key: 'decision', title: t('evaluation.class.decision'), render: (_, u) => <Decision u={u} /> },
    ...(council ? [{ key: 'act', title: <span className="cv-sr-only">{t('common.actions')}</span>, render: (_: unknown, u: TUnitClassification) => decideButton(u) }] : []),
  ];
  return (
    <Card className="cv-card" title={<h2 className="ev-card-h">{t('evaluation.unitClass.title', { year, count: units.length })}</h2>} data-testid="unit-classes">
      <Typography.Paragraph type="secondary" className="cv-card-hint">
        {t('evaluation.unitClass.hint')}
      </Typography.Paragraph>
      <Form component={false} layout="vertical">
        <div className="ev-filters">
          <Form.Item label={t('evaluation.unitClass.search')} htmlFor="unit-class-q" className="ev-filter-search">
            <Input id="unit-class-q" type="search" allowClear value={q} onChange={(e) => setQ(e.target.value)} prefix={<SearchOutlined aria-hidden />} placeholder={t('evaluation.unitClass.searchPlaceholder')} data-testid="unit-class-search" />
          </Form.Item>
        </div>
      </Form>
      {screens.md ? (
        <Table<TUnitClassification>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          loading={loading}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('evaluation.unitClass.noMatch') }}
          onRow={(u) => ({ 'data-testid': 'unit-class-row', 'data-unit': u.code }) as HTMLAttributes<HTMLTableRowElement>}
          data-testid="unit-class-table"
        />
      ) : (
        <ul className="ev-cards" data-testid="unit-class-table">
          {shown.slice(0, 50).map((u) => (
            <li key={u.id} className="ev-mobile-card" data-testid="unit-class-row" data-unit={u.code}>
              <div className="ev-mobile-card-head">
                <div>
                  <div className="ev-name">{u.name}</div>
                  <div className="cv-cell-sub cv-mono">{u.code}</div>
                </div>
                <strong>{formatScore(u.score, lang)}</strong>
              </div>
              <Tasks tasks={u.tasks} />
              <div>
                {t('evaluation.class.proposal')}: <LevelTag level={u.proposedLevel} />
              </div>
              <Reasons reasons={u.reasons} />
              {u.decidedLevel ? (
                <div>
                  {t('evaluation.class.decision')}: <Decision u={u} />
                </div>
              ) : null}
              {council ? decideButton(u) : null}
            </li>
          ))}
          {shown.length > 50 ? <li className="cv-muted">{t('evaluation.unitClass.narrowDown', { count: shown.length })}</li> : null}
        </ul>
      )}
    </Card>
  );
}
