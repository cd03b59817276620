import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, AutoComplete, Button, Card, Form, Input, Modal, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { RULE_CATEGORIES, useRules, useSaveRule, type RuleCategory, type TRule } from '../../api/oversight.queries.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DateField } from '../../components/date-field.tsx';
import { FormField } from '../../components/form-field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { foldDiacritics } from '../../lib/fold.ts';
import { formatDate, vnWallClock } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { categoryKey } from './labels.tsx';
import './oversight.css';

const makeSchema = (t: TFunction) =>
  z.object({
    code: z.string().trim().regex(/^[A-Za-z0-9.\-_]{1,40}$/, t('common.invalid')),
    category: z.enum(['code_of_conduct', 'three_no', 'three_against', 'communication', 'other']),
    title: z.string().trim().min(1).max(500),
    body: z.string().trim().min(1).max(10000),
    effectiveFrom: z.string({ error: t('common.required') }).min(1, t('common.required')),
  });
type Values = z.infer<ReturnType<typeof makeSchema>>;

function RuleModal({ base, current, onClose }: { base: Partial<Values> | null; current: TRule[]; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const save = useSaveRule();
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError, setValue } = useForm<Values>({
    resolver,
    defaultValues: { code: '', category: 'code_of_conduct', title: '', body: '', effectiveFrom: vnWallClock(new Date())?.date ?? '', ...base },
  });
  const code = useWatch({ control, name: 'code' });
  const existing = current.some((r) => r.code === code.trim());
  const title = existing ? t('oversight.r.newVersionOf', { code: code.trim() }) : t('oversight.r.add');
  const onSubmit = handleSubmit((v) => {
    setLeftover([]);
    save.mutate(v, {
      onSuccess: (r) => {
        void message.success(t('oversight.r.saved', { code: r.code, v: r.version }));
        onClose();
      },
      onError: (error) => setLeftover(applyServerErrors(error, setError, ['code', 'category', 'title', 'body', 'effectiveFrom'])),
    });
  });
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" htmlType="submit" form="rule-form" loading={save.isPending} data-testid="rule-submit">
          {t('common.save')}
        </Button>,
      ]}
    >
      <ProblemAlert error={save.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="rule-form" onSubmit={onSubmit} noValidate aria-label={title} data-testid="rule-form">
          <Controller
            control={control}
            name="code"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.r.code')} htmlFor="rule-code" required error={fieldState.error?.message} help={t('oversight.r.codeHelp')}>
                <AutoComplete
                  id="rule-code"
                  value={field.value}
                  onChange={field.onChange}
                  onSelect={(code: string) => {
                    // Choosing an existing code starts from its current wording: a new version.
                    const r = current.find((x) => x.code === code);
                    if (r) {
                      setValue('category', r.category);
                      setValue('title', r.title);
                      setValue('body', r.body);
                    }
                  }}
                  options={current.map((r) => ({ value: r.code, label: `${r.code} — ${r.title}` }))}
                  showSearch={{ filterOption: (input, o) => String(o?.value ?? '').toLowerCase().startsWith(input.toLowerCase()) }}
                  status={fieldState.error ? 'error' : undefined}
                  className="cv-mono"
                />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="category"
            render={({ field }) => (
              <FormField label={t('oversight.r.category')} htmlFor="rule-category" required>
                <Select id="rule-category" value={field.value} onChange={field.onChange} options={RULE_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))} />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="title"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.r.ruleTitle')} htmlFor="rule-title" required error={fieldState.error?.message}>
                <Input.TextArea {...field} id="rule-title" autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} status={fieldState.error ? 'error' : undefined} />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="body"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.r.body')} htmlFor="rule-body" required error={fieldState.error?.message}>
                <Input.TextArea {...field} id="rule-body" autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} status={fieldState.error ? 'error' : undefined} />
              </FormField>
            )}
          />
          <Controller
            control={control}
            name="effectiveFrom"
            render={({ field, fieldState }) => (
              <FormField label={t('oversight.r.effective')} htmlFor="rule-effective" required error={fieldState.error?.message}>
                <DateField id="rule-effective" value={field.value} onChange={(v) => field.onChange(v ?? '')} status={fieldState.error ? 'error' : undefined} />
              </FormField>
            )}
          />
        </form>
      </Form>
    </Modal>
  );
}

function RuleItem({ rule, older, canEdit, onNewVersion }: { rule: TRule; older: TRule[]; canEdit: boolean; onNewVersion: () => void }) {
  const t = useT();
  return (
    <li className="cv-ov-rule" data-testid="rule" data-code={rule.code}>
      <div className="cv-ov-rule-head">
        <span className="cv-mono cv-ov-rule-code">{rule.code}</span>
        <Tag color={rule.current ? 'green' : 'default'}>{t(rule.current ? 'oversight.r.current' : 'oversight.r.superseded')}</Tag>
        <span className="cv-cell-sub">
          {t('oversight.r.version', { v: rule.version })} · {t('oversight.r.effectiveFrom', { date: formatDate(rule.effectiveFrom) })}
        </span>
      </div>
      <div className="cv-ov-rule-title">{rule.title}</div>
      <div className="cv-ov-rule-body">{rule.body}</div>
      {older.length ? (
        <details className="cv-ov-history">
          <summary>
            {t('oversight.r.history')} ({older.length})
          </summary>
          <ol>
            {older.map((o) => (
              <li key={o.id}>
                <div className="cv-cell-sub">
                  {t('oversight.r.version', { v: o.version })} · {t('oversight.r.effectiveFrom', { date: formatDate(o.effectiveFrom) })}
                </div>
                <div className="cv-ov-rule-title">{o.title}</div>
                <div className="cv-ov-rule-body">{o.body}</div>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {canEdit && rule.current ? (
        <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={onNewVersion} className="cv-ov-rule-action">
          {t('oversight.r.newVersion')}
        </Button>
      ) : null}
    </li>
  );
}

export default function RulesPage() {
  const t = useT();
  const me = useCurrentUser();
  const canEdit = hasAnyRole(me, ['admin']);
  const [history, setHistory] = useState(false);
  const [q, setQ] = useState('');
  const debouncedQ = useDebounced(q, 200);
  const [editing, setEditing] = useState<Partial<Values> | null | undefined>(undefined);
  const rules = useRules(history);
  const current = useMemo(() => (rules.data ?? []).filter((r) => r.current), [rules.data]);

  const groups = useMemo(() => {
    const words = foldDiacritics(debouncedQ).split(' ').filter(Boolean);
    const match = (r: TRule) => {
      const text = foldDiacritics(`${r.code} ${r.title} ${r.body}`);
      return words.every((w) => text.includes(w));
    };
    const all = rules.data ?? [];
    return RULE_CATEGORIES.map((cat) => ({
      cat,
      items: all
        .filter((r) => r.category === cat && r.current && match(r))
        .map((r) => ({ rule: r, older: all.filter((o) => o.code === r.code && !o.current).sort((a, b) => b.version - a.version) })),
    })).filter((g) => g.items.length);
  }, [rules.data, debouncedQ]);
  const count = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <div data-testid="rules-page" className="cv-compact-cards">
      <PageHeader
        title={t('oversight.r.title')}
        subtitle={t('oversight.r.subtitle')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="rule-add">
              {t('oversight.r.add')}
            </Button>
          ) : null
        }
      />
      <Form component={false} layout="vertical">
        <div className="cv-ov-filters">
          <Form.Item label={t('oversight.r.search')} htmlFor="rules-q" className="cv-filter-narrow" style={{ flex: '1 1 280px' }}>
            <Input id="rules-q" type="search" allowClear value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('oversight.r.searchPlaceholder')} prefix={<SearchOutlined aria-hidden />} />
          </Form.Item>
          <div className="cv-switch-row">
            <Switch id="rules-history" checked={history} onChange={setHistory} />
            <label htmlFor="rules-history">{t('oversight.r.showHistory')}</label>
          </div>
        </div>
      </Form>
      <p className="cv-ov-count" aria-live="polite">
        {t('oversight.r.count', { count })}
      </p>
      <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} />
      {rules.isPending ? (
        <Card className="cv-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : null}
      {rules.data && !count ? <Typography.Paragraph type="secondary">{t('oversight.r.empty')}</Typography.Paragraph> : null}
      {groups.map((g) => (
        <Card key={g.cat} title={t(categoryKey(g.cat as RuleCategory))} className="cv-card" data-testid={`rules-${g.cat}`}>
          <ul className="cv-ov-rules">
            {g.items.map(({ rule, older }) => (
              <RuleItem
                key={rule.id}
                rule={rule}
                older={history ? older : []}
                canEdit={canEdit}
                onNewVersion={() => setEditing({ code: rule.code, category: rule.category, title: rule.title, body: rule.body })}
              />
            ))}
          </ul>
        </Card>
      ))}
      {editing !== undefined ? <RuleModal base={editing} current={current} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}
