import { LeftOutlined, PlusOutlined, RightOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Form, Grid, Input, Modal, Radio, Row, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCreatePlan, useInspections, usePlans, useSuggestions, type TInspectionSummary, type TSuggestion } from '../../api/oversight.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { formatDateTime, vnWallClock } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { InspectionFormDrawer, type InspectionPreset } from './inspection-form.tsx';
import { INSPECTION_STATUS_COLOR, useReasonText } from './labels.tsx';
import { InspectionCard, inspectionPath, MANAGE_ROLES } from './shared.tsx';
import { DrillBanner, INSPECTION_DRILL_KEYS, useDrillFilters } from '../dashboard/drill-filter.tsx';
import './oversight.css';

const pad = (n: number) => String(n).padStart(2, '0');

function monthOf(param: string | null): { y: number; m: number } {
  const match = param ? /^(\d{4})-(\d{2})$/.exec(param) : null;
  if (match) {
    const m = Number(match[2]);
    if (m >= 1 && m <= 12) return { y: Number(match[1]), m };
  }
  const today = vnWallClock(new Date())?.date ?? new Date().toISOString().slice(0, 10);
  return { y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) };
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function MonthCalendar({ y, m, items }: { y: number; m: number; items: TInspectionSummary[] }) {
  const t = useT();
  const today = vnWallClock(new Date())?.date;
  const byDay = new Map<number, TInspectionSummary[]>();
  for (const i of items) {
    const d = vnWallClock(i.scheduledAt)?.date;
    if (!d) continue;
    const day = Number(d.slice(8, 10));
    byDay.set(day, [...(byDay.get(day) ?? []), i].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)));
  }
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7; // weeks start on Monday
  const total = daysIn(y, m);
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: total }, (_, k) => k + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const heads = [1, 2, 3, 4, 5, 6, 0];
  return (
    <table className="cv-ov-cal" aria-label={t('oversight.plan.calendarLabel', { m, y })} data-testid="inspection-calendar">
      <thead>
        <tr>
          {heads.map((d) => (
            <th key={d} scope="col" abbr={t(`weekday.${d}` as TKey)}>
              {t(`weekdayShort.${d}` as TKey)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, k) => {
              if (day === null) return <td key={k} className="cv-ov-cal-empty" />;
              const iso = `${y}-${pad(m)}-${pad(day)}`;
              const list = byDay.get(day) ?? [];
              return (
                <td key={k} className={`${iso === today ? 'is-today' : ''} ${k >= 5 ? 'is-weekend' : ''}`}>
                  <div className="cv-ov-cal-day">{day}</div>
                  {list.slice(0, 3).map((i) => (
                    <Link
                      key={i.id}
                      to={inspectionPath(i.id)}
                      className={`cv-ov-chip cv-ov-chip-${INSPECTION_STATUS_COLOR[i.status]}`}
                      title={`${i.title} — ${formatDateTime(i.scheduledAt)}`}
                      data-testid="calendar-inspection"
                    >
                      <span className="cv-ov-chip-time">
                        {i.surprise ? <ThunderboltOutlined aria-label={t('oversight.surprise')} /> : null} {formatDateTime(i.scheduledAt).slice(11)}
                      </span>{' '}
                      <span className="cv-ov-chip-name">{i.targets.map((x) => x.name).join(', ')}</span>
                    </Link>
                  ))}
                  {list.length > 3 ? <div className="cv-ov-cal-more">{t('oversight.plan.more', { count: list.length - 3 })}</div> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Suggestions({ onUse }: { onUse: (s: TSuggestion) => void }) {
  const t = useT();
  const reasonText = useReasonText();
  const suggestions = useSuggestions(true);
  return (
    <Card title={t('oversight.suggest.title')} className="cv-card" data-testid="suggestions">
      <Typography.Paragraph type="secondary" className="cv-card-hint">
        {t('oversight.suggest.intro')}
      </Typography.Paragraph>
      <ProblemAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      {suggestions.isPending ? <Skeleton active /> : null}
      {suggestions.data && !suggestions.data.length ? <Typography.Paragraph type="secondary">{t('oversight.suggest.none')}</Typography.Paragraph> : null}
      <ol className="cv-ov-suggestions">
        {(suggestions.data ?? []).slice(0, 6).map((s) => (
          <li key={s.unitId} data-testid="suggestion">
            <div className="cv-ov-suggestion-head">
              <strong>{s.unitName}</strong>
              <Tag color="red" className="cv-ov-score">
                {t('oversight.suggest.score', { score: s.score.toLocaleString('vi-VN') })}
              </Tag>
            </div>
            <ul className="cv-ov-reasons">
              {s.reasons.map((r, k) => (
                <li key={k}>
                  <span className="cv-ov-points">+{r.points.toLocaleString('vi-VN')}</span>
                  <span>{reasonText(r)}</span>
                </li>
              ))}
            </ul>
            <Button size="small" icon={<ThunderboltOutlined aria-hidden />} onClick={() => onUse(s)} aria-label={t('oversight.suggest.useLabel', { name: s.unitName })}>
              {t('oversight.suggest.use')}
            </Button>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Plans({ year, canManage }: { year: number; canManage: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const plans = usePlans(year);
  const create = useCreatePlan();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'annual' | 'ad_hoc'>('ad_hoc');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!title.trim()) return setError(t('common.required'));
    setError(null);
    create.mutate(
      { year, kind, title: title.trim() },
      {
        onSuccess: () => {
          void message.success(t('oversight.plans.created'));
          setOpen(false);
          setTitle('');
        },
      },
    );
  };
  return (
    <Card
      title={t('oversight.plans.title', { year })}
      className="cv-card"
      extra={
        canManage ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {t('oversight.plans.add')}
          </Button>
        ) : null
      }
    >
      <ProblemAlert error={plans.error} />
      {plans.data && !plans.data.length ? <Typography.Paragraph type="secondary">{t('oversight.plans.none')}</Typography.Paragraph> : null}
      <ul className="cv-ov-plain-list">
        {(plans.data ?? []).map((p) => (
          <li key={p.id}>
            <div>{p.title}</div>
            <div className="cv-cell-sub">{t(`oversight.plans.kind.${p.kind}`)}</div>
          </li>
        ))}
      </ul>
      <Modal
        open={open}
        title={t('oversight.plans.add')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <ProblemAlert error={create.error} />
        <Form layout="vertical" component={false}>
          <Form.Item label={t('oversight.plans.name')} htmlFor="plan-title" required validateStatus={error ? 'error' : undefined} help={error}>
            <Input id="plan-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} onPressEnter={submit} />
          </Form.Item>
          <Form.Item label={<span id="plan-kind-label">{t('oversight.plans.kind')}</span>}>
            <Radio.Group
              aria-labelledby="plan-kind-label"
              value={kind}
              onChange={(e) => setKind(e.target.value as 'annual' | 'ad_hoc')}
              options={(['annual', 'ad_hoc'] as const).map((k) => ({ value: k, label: t(`oversight.plans.kind.${k}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export default function PlanPage() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const { y, m } = monthOf(params.get('thang'));
  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  const [preset, setPreset] = useState<InspectionPreset | null>(null);
  const canManage = hasAnyRole(me, MANAGE_ROLES);
  const from = `${y}-${pad(m)}-01`;
  const to = `${y}-${pad(m)}-${pad(daysIn(y, m))}`;
  // A dashboard figure opens this list with its own period and unit (concluded inspections).
  const [drill, clearDrill] = useDrillFilters(INSPECTION_DRILL_KEYS);
  const drilled = Object.keys(drill).length > 0;
  const list = useInspections(drilled ? drill : { from, to });
  // A surprise visit stays a surprise: only inspectors and leaders see one before it starts.
  const seesSurprises = hasAnyRole(me, ['inspector', 'admin', 'leader']);
  const items = useMemo(
    () => [...(list.data ?? [])].filter((i) => seesSurprises || !(i.surprise && i.status === 'planned')).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)),
    [list.data, seesSurprises],
  );
  const showCalendar = Boolean(screens.md) && view === 'calendar' && !drilled;

  const go = (delta: number) => {
    const d = new Date(Date.UTC(y, m - 1 + delta, 1));
    setParams({ thang: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` }, { replace: true });
  };

  return (
    <div data-testid="plan-page" className="cv-compact-cards">
      <PageHeader
        title={t('oversight.plan.title')}
        subtitle={t('oversight.plan.subtitle')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setPreset({})} data-testid="inspection-create">
              {t('oversight.plan.create')}
            </Button>
          ) : null
        }
      />
      <DrillBanner filters={drill} onClear={clearDrill} />
      <Row gutter={16}>
        <Col xs={24} xxl={16}>
          <Card className="cv-card">
            <div className="cv-ov-month-bar">
              <Space.Compact>
                <Button icon={<LeftOutlined aria-hidden />} onClick={() => go(-1)} aria-label={t('oversight.plan.prevMonth')} />
                <Button onClick={() => setParams({}, { replace: true })}>{t('oversight.plan.thisMonth')}</Button>
                <Button icon={<RightOutlined aria-hidden />} onClick={() => go(1)} aria-label={t('oversight.plan.nextMonth')} />
              </Space.Compact>
              <h2 className="cv-ov-month-title" aria-live="polite" data-testid="plan-month">
                {t('oversight.plan.month', { m, y })}
              </h2>
              <span className="cv-muted">{t('oversight.plan.count', { count: items.length })}</span>
              {screens.md ? (
                <Segmented
                  aria-label={t('oversight.plan.view')}
                  value={view}
                  onChange={(v) => setView(v as 'calendar' | 'list')}
                  options={[
                    { value: 'calendar', label: t('oversight.plan.viewCalendar') },
                    { value: 'list', label: t('oversight.plan.viewList') },
                  ]}
                  className="cv-ov-view"
                />
              ) : null}
            </div>
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
            {list.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
            {list.data && showCalendar ? <MonthCalendar y={y} m={m} items={items} /> : null}
            {list.data && !showCalendar ? (
              items.length ? (
                <ul className="cv-ov-cards" data-testid="inspection-list">
                  {items.map((i) => (
                    <li key={i.id}>
                      <InspectionCard i={i} />
                    </li>
                  ))}
                </ul>
              ) : (
                <Typography.Paragraph type="secondary" className="cv-empty-cards">
                  {t('oversight.plan.none')}
                </Typography.Paragraph>
              )
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          {canManage ? (
            <Suggestions onUse={(s) => setPreset({ surprise: true, targetUnitIds: [s.unitId], title: `Kiểm tra đột xuất tại ${s.unitName}` })} />
          ) : null}
          <Plans year={y} canManage={canManage} />
        </Col>
      </Row>
      {preset ? <InspectionFormDrawer preset={preset} onClose={() => setPreset(null)} onCreated={(i) => void navigate(inspectionPath(i.id))} /> : null}
    </div>
  );
}
