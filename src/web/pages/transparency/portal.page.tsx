import { DesktopOutlined, SearchOutlined } from '@ant-design/icons';
import { Input, Segmented, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { usePortal } from '../../api/metrics.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatDateTime } from '../../lib/format.ts';
import { IndexGroups, PortalRanking, provinceTiles } from './portal-parts.tsx';
import './transparency.css';

type Tab = 'agencies' | 'communes';

/**
 * /cong-khai: the province's service figures for citizens, per agency and commune — on time,
 * satisfaction, the 766 index and the ranking — refreshed every minute. Aggregates only.
 */
export default function PortalPage() {
  const t = useT();
  const [lang] = useLanguage();
  const portal = usePortal();
  const [tab, setTab] = useState<Tab>('agencies');
  const [q, setQ] = useState('');
  const data = portal.data;
  const rows = useMemo(() => {
    const list = (tab === 'agencies' ? data?.agencies : data?.communes) ?? [];
    const needle = foldDiacritics(q);
    return needle ? list.filter((r) => foldDiacritics(r.name).includes(needle)) : list;
  }, [data, tab, q]);

  if (portal.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!data) return <ProblemAlert error={portal.error} onRetry={() => void portal.refetch()} />;
  return (
    <div data-testid="portal-page">
      <h1 className="cv-public-h1">{t('metrics.portal.heading')}</h1>
      <p className="tp-meta">
        <span data-testid="portal-period">{data.period.label}</span>
        <span aria-hidden> · </span>
        <span className="tp-live" data-testid="portal-updated">
          <span className="tp-live-dot" aria-hidden />
          {t('metrics.portal.updated', { at: formatDateTime(data.updatedAt) })}
        </span>
      </p>
      <ProblemAlert error={portal.error} />
      <section aria-labelledby="tp-province-h" className="cv-public-card">
        <h2 id="tp-province-h" className="tp-h2">
          {t('metrics.portal.province')}
        </h2>
        <ul className="tp-tiles" data-testid="portal-tiles">
          {provinceTiles(data.province, lang).map((tile) => (
            <li key={tile.key} className="tp-tile" data-testid={`portal-tile-${tile.key}`}>
              <span className="tp-tile-label">{t(tile.label)}</span>
              <span className="tp-tile-value">{tile.value}</span>
              {tile.note ? <span className="tp-tile-note">{t(tile.note.key, tile.note.params)}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="tp-rank-h" className="cv-public-card">
        <h2 id="tp-rank-h" className="tp-h2">
          {t('metrics.portal.ranking')}
        </h2>
        <Segmented<Tab>
          block
          aria-label={t('metrics.portal.ranking')}
          value={tab}
          onChange={setTab}
          options={[
            { value: 'agencies', label: <span data-testid="portal-tab-agencies">{t('metrics.portal.agencies', { n: data.agencies.length })}</span> },
            { value: 'communes', label: <span data-testid="portal-tab-communes">{t('metrics.portal.communes', { n: data.communes.length })}</span> },
          ]}
          className="tp-tabs"
        />
        <label htmlFor="tp-search" className="tp-label">
          {t('metrics.portal.search')}
        </label>
        <Input
          id="tp-search"
          type="search"
          allowClear
          size="large"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('metrics.portal.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          data-testid="portal-search"
        />
        <PortalRanking rows={rows} caption={t(tab === 'agencies' ? 'metrics.portal.agenciesCaption' : 'metrics.portal.communesCaption', { period: data.period.label })} testId="portal-ranking" />
        <p className="tp-note">{t('metrics.portal.rankNote')}</p>
      </section>
      <section aria-labelledby="tp-index-h" className="cv-public-card">
        <h2 id="tp-index-h" className="tp-h2">
          {t('metrics.portal.indexTitle')}
        </h2>
        <IndexGroups index={data.province.index766} />
        <p className="tp-note">{t('metrics.index.hint')}</p>
      </section>
      <p className="tp-tv-link">
        <Link to="/cong-khai/tv" data-testid="portal-tv-link">
          <DesktopOutlined aria-hidden /> {t('metrics.portal.tvLink')}
        </Link>
      </p>
    </div>
  );
}
