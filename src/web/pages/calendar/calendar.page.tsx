import { CalculatorOutlined, EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, InputNumber, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { YearAnnouncement } from '../../../domain/calendar/calendar-data.ts';
import { SHIPPED_ANNOUNCEMENTS } from '../../../domain/calendar/default-calendar.ts';
import { useCalendarYear, useComputeDue, type DayKind, type TCalendarYear } from '../../api/calendar.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime, vnIso, vnWallClock, vnWeekday } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { AnnouncementForm } from './announcement-form.tsx';
import { dayKindKey, YearGrid } from './year-grid.tsx';

const FIRST = 1968;
const LAST = 2100;
const KIND_COLOR: Record<DayKind, string> = { holiday: 'red', 'compensatory-day': 'orange', 'extra-day-off': 'gold', 'make-up-working-day': 'blue' };

function DueCalculator() {
  const t = useT();
  const compute = useComputeDue();
  const now = vnWallClock(new Date());
  const [received, setReceived] = useState<string | null>(now ? `${now.date} ${now.time}` : null);
  const [days, setDays] = useState<number | null>(10);
  const submit = () => {
    if (!received || days === null) return;
    const [date = '', time = '08:00'] = received.split(' ');
    compute.mutate({ received: vnIso(date, time), days });
  };
  return (
    <Card title={t('calendar.due')} className="cv-card" data-testid="due-calculator">
      <Typography.Paragraph type="secondary" className="cv-card-hint">
        {t('calendar.dueHint')}
      </Typography.Paragraph>
      <Form component={false} layout="vertical">
        <form
          aria-label={t('calendar.due')}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Form.Item label={t('calendar.dueReceived')} htmlFor="due-received">
            <DatePicker
              id="due-received"
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="DD/MM/YYYY HH:mm"
              placeholder="dd/mm/yyyy hh:mm"
              value={received ? dayjs(received, 'YYYY-MM-DD HH:mm') : null}
              onChange={(d) => setReceived(d ? d.format('YYYY-MM-DD HH:mm') : null)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('calendar.dueDays')} htmlFor="due-days">
            <InputNumber id="due-days" min={0} max={365} precision={0} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : null)} style={{ width: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined aria-hidden />} loading={compute.isPending} disabled={!received || days === null} data-testid="due-compute">
            {t('calendar.dueCompute')}
          </Button>
        </form>
      </Form>
      <ProblemAlert error={compute.error} className="cv-top-gap" />
      {compute.data ? (
        <div className="cv-due-result" aria-live="polite" data-testid="due-result">
          <span>{t('calendar.dueResult')}</span>
          <strong>
            {t(`weekday.${vnWeekday(compute.data.dueAt)}` as TKey)}, {formatDateTime(compute.data.dueAt)}
          </strong>
        </div>
      ) : null}
    </Card>
  );
}

function SpecialDays({ data }: { data: TCalendarYear }) {
  const t = useT();
  return (
    <Table
      rowKey="date"
      size="small"
      pagination={false}
      dataSource={data.specialDays}
      columns={[
        {
          key: 'date',
          title: t('calendar.date'),
          render: (_, d) => (
            <span className="cv-nowrap">
              {t(`weekday.${vnWeekday(d.date)}` as TKey)}, {formatDate(d.date)}
            </span>
          ),
        },
        { key: 'kind', title: t('calendar.kind'), render: (_, d) => <Tag color={KIND_COLOR[d.kind]}>{t(dayKindKey(d.kind))}</Tag> },
        { key: 'name', title: t('calendar.name'), responsive: ['sm'], render: (_, d) => d.name ?? '' },
      ]}
      data-testid="special-days"
    />
  );
}

export default function CalendarPage() {
  const t = useT();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(vnWallClock(new Date())?.date.slice(0, 4) ?? new Date().getFullYear());
  const requested = Number(params.get('nam'));
  const year = Number.isInteger(requested) && requested >= FIRST && requested <= LAST ? requested : thisYear;
  const calendar = useCalendarYear(year);
  const [editing, setEditing] = useState(false);
  const isAdmin = hasAnyRole(me, ['admin']);
  const data = calendar.data?.year === year ? calendar.data : undefined;
  const today = vnWallClock(new Date())?.date ?? '';
  const setYear = (y: number) => setParams({ nam: String(y) }, { replace: true });
  const years = useMemo(() => Array.from({ length: LAST - FIRST + 1 }, (_, i) => ({ value: FIRST + i, label: String(FIRST + i) })), []);

  const counts = useMemo(() => {
    const c = { off: 0, makeUp: 0 };
    for (const d of data?.specialDays ?? []) {
      if (d.kind === 'make-up-working-day') c.makeUp++;
      else c.off++;
    }
    return c;
  }, [data]);
  const initial: YearAnnouncement | null = data?.announcement ?? SHIPPED_ANNOUNCEMENTS.find((a) => a.year === year) ?? null;

  return (
    <div data-testid="calendar-page" className="cv-compact-cards">
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          isAdmin ? (
            <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} disabled={!data} data-testid="calendar-edit">
              {t('calendar.edit')}
            </Button>
          ) : null
        }
      />
      <Space className="cv-year-picker" wrap>
        <Button icon={<LeftOutlined aria-hidden />} aria-label={t('calendar.prevYear')} disabled={year <= FIRST} onClick={() => setYear(year - 1)} />
        <label htmlFor="calendar-year" className="cv-sr-only">
          {t('calendar.year')}
        </label>
        <Select id="calendar-year" value={year} onChange={setYear} options={years} showSearch style={{ width: 110 }} data-testid="calendar-year" />
        <Button icon={<RightOutlined aria-hidden />} aria-label={t('calendar.nextYear')} disabled={year >= LAST} onClick={() => setYear(year + 1)} />
      </Space>
      <ProblemAlert error={calendar.error} onRetry={() => void calendar.refetch()} />
      <Row gutter={16}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 17, order: 1 }}>
          <Card className="cv-card">
            {data ? (
              <>
                <div className="cv-calendar-stats">
                  <Statistic title={t('calendar.workingDays')} value={data.workingDays} data-testid="calendar-working-days" />
                  <Statistic title={t('calendar.daysOff')} value={counts.off} />
                  <Statistic title={t('calendar.makeUpDays')} value={counts.makeUp} />
                  <div className="cv-calendar-source">
                    <div className="cv-muted">{t('calendar.source')}</div>
                    <div>{t(`calendar.source.${data.source}` as TKey)}</div>
                    {data.sources.length ? <div className="cv-cell-sub">{t('calendar.sourcesLine', { sources: data.sources.join('; ') })}</div> : null}
                    {data.updatedAt ? <div className="cv-cell-sub">{t('calendar.updated', { at: formatDateTime(data.updatedAt), by: data.updatedBy ?? '' })}</div> : null}
                  </div>
                </div>
                <YearGrid data={data} today={today} />
              </>
            ) : (
              <Skeleton active paragraph={{ rows: 12 }} />
            )}
          </Card>
          <Card title={t('calendar.specialList')} className="cv-card">
            {data ? <SpecialDays data={data} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 7, order: 2 }}>
          <DueCalculator />
        </Col>
      </Row>
      {editing && data ? <AnnouncementForm year={year} initial={initial} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
