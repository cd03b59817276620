import { ApartmentOutlined, CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { isGroup, isPage, visibleMenu, type MenuPage } from '../../app/menu.tsx';
import { useCurrentUser } from '../../app/session.tsx';
import { RoleTags } from '../../components/tags.tsx';
import { useT, type TKey } from '../../i18n/i18n.tsx';
import { todayLabel } from '../../lib/format.ts';
import type { TRole } from '../../lib/roles.ts';

const CAPABILITIES: Record<TRole, TKey[]> = {
  admin: ['cap.admin.1', 'cap.admin.2', 'cap.admin.3', 'cap.admin.4', 'cap.admin.5'],
  leader: ['cap.leader.1', 'cap.leader.2', 'cap.leader.3'],
  unit_head: ['cap.unit_head.1', 'cap.unit_head.2', 'cap.unit_head.3'],
  officer: ['cap.officer.1', 'cap.officer.2', 'cap.officer.3'],
  counter_officer: ['cap.counter_officer.3', 'cap.counter_officer.1', 'cap.counter_officer.2'],
  inspector: ['cap.inspector.1', 'cap.inspector.2', 'cap.inspector.3'],
};

export default function HomePage() {
  const t = useT();
  const me = useCurrentUser();
  const capabilities = Array.from(new Set(me.roles.flatMap((r) => CAPABILITIES[r])));
  const shortcuts: MenuPage[] = visibleMenu(me)
    .flatMap((e) => (isGroup(e) ? e.children : [e]))
    .filter(isPage)
    .filter((p) => p.key !== 'home');

  return (
    <div data-testid="home-page" className="cv-home">
      <section className="cv-home-hero" aria-labelledby="home-greeting">
        <Typography.Title level={1} id="home-greeting" className="cv-page-title">
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="cv-home-date">
          {t('home.today', { date: todayLabel() })}
        </Typography.Paragraph>
        <Descriptions
          column={1}
          size="small"
          colon={false}
          className="cv-home-who"
          items={[
            { key: 'unit', label: t('home.unit'), children: <span data-testid="home-unit"><ApartmentOutlined aria-hidden /> {me.unit.name}</span> },
            { key: 'roles', label: t('home.roles'), children: <span data-testid="home-roles"><RoleTags roles={me.roles} /></span> },
          ]}
        />
      </section>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('home.canDo')} className="cv-card">
            <ul className="cv-capabilities" data-testid="home-capabilities">
              {capabilities.map((k) => (
                <li key={k}>
                  <CheckCircleOutlined aria-hidden className="cv-capability-icon" />
                  <span>{t(k)}</span>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.shortcuts')} className="cv-card">
            <nav aria-label={t('home.shortcuts')}>
              <ul className="cv-shortcuts">
                {shortcuts.map((p) => (
                  <li key={p.key}>
                    <Link to={p.path} className="cv-shortcut">
                      <span className="cv-shortcut-icon" aria-hidden>
                        {p.icon}
                      </span>
                      <span className="cv-shortcut-label">{t(p.label)}</span>
                      <RightOutlined aria-hidden className="cv-shortcut-arrow" />
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
