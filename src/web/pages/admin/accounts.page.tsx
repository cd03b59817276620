import { EditOutlined, LockOutlined, PlusOutlined, SearchOutlined, UnlockOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { TAccount } from '../../../shared/schemas/access.ts';
import { useAccounts, useUpdateAccount } from '../../api/access.queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { RoleTags } from '../../components/tags.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CreateAccountForm, EditAccountForm } from './account-form.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; account: TAccount } | null;

export default function AccountsPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const accounts = useAccounts(debounced);
  const update = useUpdateAccount();
  const [dialog, setDialog] = useState<Dialog>(null);

  const unlock = (a: TAccount) =>
    update.mutate({ id: a.id, patch: { unlock: true } }, { onSuccess: () => void message.success(t('account.unlocked')) });

  const columns: TableColumnsType<TAccount> = [
    {
      key: 'username',
      title: t('account.username'),
      render: (_, a) => (
        <div>
          <span className="cv-mono">{a.username}</span>
          <div className="cv-cell-sub cv-only-mobile">{a.displayName}</div>
        </div>
      ),
    },
    { key: 'displayName', title: t('account.displayName'), dataIndex: 'displayName', responsive: ['sm'] },
    { key: 'unit', title: t('account.unit'), responsive: ['lg'], render: (_, a) => a.unit.name },
    { key: 'roles', title: t('account.roles'), responsive: ['md'], render: (_, a) => <RoleTags roles={a.roles} /> },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, a) => (
        <Space size={4} wrap>
          {a.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
          {a.locked ? (
            <Tag color="orange" icon={<LockOutlined aria-hidden />}>
              {t('account.locked')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'lastLogin',
      title: t('account.lastLogin'),
      responsive: ['xl'],
      render: (_, a) => (a.lastLoginAt ? formatDateTime(a.lastLoginAt) : <span className="cv-muted">{t('account.never')}</span>),
    },
    {
      key: 'actions',
      title: <span className="cv-sr-only">{t('common.actions')}</span>,
      width: 96,
      render: (_, a) => (
        <Space size={0}>
          <Tooltip title={t('common.edit')}>
            <Button type="text" icon={<EditOutlined aria-hidden />} aria-label={`${t('common.edit')}: ${a.username}`} onClick={() => setDialog({ kind: 'edit', account: a })} />
          </Tooltip>
          {a.locked ? (
            <Tooltip title={t('account.unlock')}>
              <Button type="text" icon={<UnlockOutlined aria-hidden />} aria-label={`${t('account.unlock')}: ${a.username}`} onClick={() => unlock(a)} />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="accounts-page">
      <PageHeader
        title={t('account.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
            {t('account.add')}
          </Button>
        }
      />
      <Form component={false} layout="vertical">
        <Form.Item label={t('account.searchLabel')} htmlFor="accounts-q" className="cv-filter-narrow">
          <Input
            id="accounts-q"
            type="search"
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('account.searchPlaceholder')}
            prefix={<SearchOutlined aria-hidden />}
          />
        </Form.Item>
      </Form>
      <ProblemAlert error={accounts.error ?? update.error} onRetry={accounts.error ? () => void accounts.refetch() : undefined} />
      <Table<TAccount>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={accounts.data ?? []}
        loading={accounts.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="accounts-table"
      />
      {dialog?.kind === 'create' ? <CreateAccountForm onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <EditAccountForm account={dialog.account} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
