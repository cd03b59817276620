import { RightOutlined } from '@ant-design/icons';
import { Button, Grid, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { TDossierSummary } from '../../../shared/schemas/dossiers.ts';
import { DueCell, DueMarker, FlagTags, StatusTag, TimelinessTag } from '../../components/dossier-tags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';

export const dossierPath = (id: string) => `/mot-cua/ho-so/${id}`;

interface DossierListProps {
  items: TDossierSummary[];
  loading?: boolean;
  emptyText: string;
  testId: string;
  /** Smaller tables (the counter desk) leave out the unit and timeliness columns. */
  compact?: boolean;
  hasMore?: boolean;
  loadingMore?: boolean;
  onMore?: () => void;
}

/** Dossiers as a table on wide screens and as cards on phones; every row opens the dossier page. */
export function DossierList({ items, loading, emptyText, testId, compact, hasMore, loadingMore, onMore }: DossierListProps) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const wide = Boolean(screens.md);

  const columns: TableColumnsType<TDossierSummary> = [
    {
      key: 'code',
      title: t('dossier.code'),
      render: (_, d) => (
        <Link to={dossierPath(d.id)} className="cv-name-link cv-mono cv-nowrap" data-testid="dossier-link">
          {d.code}
        </Link>
      ),
    },
    {
      key: 'procedure',
      title: t('dossier.procedure'),
      render: (_, d) => (
        <>
          <div className="cv-clamp-2">{d.procedureName}</div>
          {compact ? null : <div className="cv-cell-sub">{d.unitName}</div>}
        </>
      ),
    },
    {
      key: 'applicant',
      title: t('dossier.applicant'),
      render: (_, d) => (
        <>
          <div>{d.applicantName}</div>
          <FlagTags flags={d.flags} />
        </>
      ),
    },
    { key: 'status', title: t('dossier.status'), render: (_, d) => <StatusTag status={d.status} /> },
    { key: 'due', title: t('dossier.dueAt'), render: (_, d) => <DueCell dossier={d} /> },
    ...(compact
      ? []
      : [{ key: 'timeliness', title: t('dossier.timeliness'), responsive: ['lg' as const], render: (_: unknown, d: TDossierSummary) => <TimelinessTag value={d.timeliness} /> }]),
  ];

  const footer = (
    <div className="cv-list-footer">
      <Typography.Text type="secondary" aria-live="polite">
        {items.length ? t('common.shownOf', { count: items.length }) : null}
      </Typography.Text>
      {hasMore && onMore ? (
        <Button onClick={onMore} loading={loadingMore} data-testid={`${testId}-more`}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );

  if (wide) {
    return (
      <>
        <Table<TDossierSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          pagination={false}
          locale={{ emptyText: loading ? ' ' : emptyText }}
          onRow={(d) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button') === null) void navigate(dossierPath(d.id));
            },
            className: 'cv-clickable-row',
          })}
          data-testid={testId}
        />
        {footer}
      </>
    );
  }
  return (
    <div data-testid={testId}>
      {loading && !items.length ? <Typography.Paragraph type="secondary">{t('app.loading')}</Typography.Paragraph> : null}
      {!loading && !items.length ? <Typography.Paragraph type="secondary" className="cv-empty-cards">{emptyText}</Typography.Paragraph> : null}
      <ul className="cv-dossier-cards">
        {items.map((d) => (
          <li key={d.id}>
            <Link to={dossierPath(d.id)} className="cv-dossier-card" data-testid="dossier-link">
              <span className="cv-dossier-card-top">
                <span className="cv-mono cv-dossier-card-code">{d.code}</span>
                <RightOutlined aria-hidden className="cv-shortcut-arrow" />
              </span>
              <span className="cv-dossier-card-name">{d.applicantName}</span>
              <span className="cv-dossier-card-proc cv-clamp-2">{d.procedureName}</span>
              <span className="cv-dossier-card-tags">
                <StatusTag status={d.status} />
                <TimelinessTag value={d.timeliness} />
                <FlagTags flags={d.flags} />
              </span>
              {d.dueAt ? (
                <span className="cv-dossier-card-due">
                  {t('dossier.dueLine', { date: formatDateTime(d.dueAt) })} <DueMarker dossier={d} />
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
      {footer}
    </div>
  );
}

