import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { ZCreateApiTokenRequest } from '../../../shared/schemas/access.ts';
import {
  useAccounts,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
  type TApiToken,
  type TCreateApiTokenRequest,
  type TCreateApiTokenResponse,
} from '../../api/access.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { formatDateTime } from '../../lib/format.ts';
import { foldDiacritics } from '../../lib/fold.ts';

function CreateTokenForm({ onClose, onCreated }: { onClose: () => void; onCreated: (token: TCreateApiTokenResponse) => void }) {
  const t = useT();
  const accounts = useAccounts();
  const create = useCreateApiToken();
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(ZCreateApiTokenRequest, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<TCreateApiTokenRequest>({ resolver, defaultValues: { name: '', accountId: '' } });
  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    create.mutate(values, {
      onSuccess: onCreated,
      onError: (error) => setLeftover(applyServerErrors(error, setError, ['name', 'accountId'])),
    });
  });
  const options = (accounts.data ?? [])
    .filter((a) => a.active)
    .map((a) => ({ value: a.id, label: `${a.username} — ${a.displayName}`, search: foldDiacritics(`${a.username} ${a.displayName}`) }));
  return (
    <Modal
      open
      title={t('token.add')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'token-form', loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="token-form" data-testid="token-form" onSubmit={onSubmit} noValidate aria-label={t('token.add')}>
          <Controller
            control={control}
            name="name"
            render={({ field, fieldState }) => (
              <FormField label={t('token.name')} htmlFor="token-name" required error={fieldState.error?.message}>
                <Input {...field} id="token-name" autoComplete="off" placeholder="Đồng bộ một cửa tỉnh" />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="accountId"
            render={({ field, fieldState }) => (
              <FormField label={t('token.account')} htmlFor="token-account" required error={fieldState.error?.message}>
                <Select
                  id="token-account"
                  value={field.value || undefined}
                  onChange={(v: string) => field.onChange(v)}
                  placeholder={t('token.accountPlaceholder')}
                  loading={accounts.isPending}
                  showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(foldDiacritics(input)) }}
                  options={options}
                  status={fieldState.error ? 'error' : undefined}
                />
              </FormField>
            )}
          />
        </form>
      </Form>
    </Modal>
  );
}

function CreatedTokenModal({ token, onClose }: { token: TCreateApiTokenResponse; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      void message.success(t('common.copied'));
    } catch {
      const input = document.getElementById('created-token') as HTMLInputElement | null;
      input?.select();
    }
  };
  return (
    <Modal
      open
      title={t('token.createdTitle')}
      onCancel={onClose}
      footer={<Button type="primary" onClick={onClose}>{t('common.close')}</Button>}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('token.createdWarning')} style={{ marginBottom: 16 }} />
      <Form component={false} layout="vertical">
        <Form.Item label={`${t('token.value')} — ${token.name}`} htmlFor="created-token">
          <Space.Compact style={{ width: '100%' }}>
            <Input id="created-token" readOnly value={token.token} className="cv-mono" data-testid="created-token" onFocus={(e) => e.target.select()} />
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
              {t('common.copy')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ApiTokensPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TCreateApiTokenResponse | null>(null);
  const none = <span className="cv-muted">{t('common.none')}</span>;

  const columns: TableColumnsType<TApiToken> = [
    {
      key: 'name',
      title: t('token.name'),
      render: (_, k) => (
        <span>
          <KeyOutlined aria-hidden /> <strong>{k.name}</strong>
          <div className="cv-cell-sub cv-only-mobile">{k.account}</div>
        </span>
      ),
    },
    { key: 'account', title: t('token.account'), dataIndex: 'account', responsive: ['sm'], render: (v: string) => <span className="cv-mono">{v}</span> },
    { key: 'createdAt', title: t('token.createdAt'), responsive: ['md'], render: (_, k) => formatDateTime(k.createdAt) },
    { key: 'lastUsed', title: t('token.lastUsed'), responsive: ['lg'], render: (_, k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : none) },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, k) =>
        k.revokedAt ? (
          <Tag title={formatDateTime(k.revokedAt)}>{`${t('token.revoked')} ${formatDateTime(k.revokedAt)}`}</Tag>
        ) : (
          <Tag color="green">{t('common.active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: <span className="cv-sr-only">{t('common.actions')}</span>,
      width: 110,
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm
            title={t('token.revokeConfirm', { name: k.name })}
            okText={t('token.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(k.id, { onSuccess: () => void message.success(t('token.revokedMsg')) })}
          >
            <Button danger size="small" aria-label={`${t('token.revoke')}: ${k.name}`}>
              {t('token.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div data-testid="api-tokens-page">
      <PageHeader
        title={t('token.title')}
        subtitle={t('token.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('token.add')}
          </Button>
        }
      />
      <ProblemAlert error={tokens.error ?? revoke.error} />
      <Table<TApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data ?? []}
        loading={tokens.isPending}
        pagination={false}
        rowClassName={(k) => (k.revokedAt ? 'cv-row-muted' : '')}
        data-testid="api-tokens-table"
      />
      {creating ? (
        <CreateTokenForm
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      ) : null}
      {created ? <CreatedTokenModal token={created} onClose={() => setCreated(null)} /> : null}
    </div>
  );
}
