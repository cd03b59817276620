import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { useCreateTemplate, type TCardTemplate, type TCreateTemplateRequest, type UnitKind } from '../../api/evaluation.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { normalizeFieldPath } from '../../lib/forms.ts';
import { formatScore, GENERAL_MAX, TASK_MAX, unitKindKey } from './evaluation-labels.ts';

type EditorValues = Omit<TCreateTemplateRequest, 'unitKind'>;

/** The live sum of a group's maxima against what the law fixes ("Tiêu chí chung: 28/30"), red until equal. */
function GroupSum({ label, sum, max, testId }: { label: string; sum: number; max: number; testId: string }) {
  const [lang] = useLanguage();
  const ok = Math.abs(sum - max) < 1e-9;
  return (
    <span className={ok ? 'ev-sum ev-sum-ok' : 'ev-sum ev-sum-bad'} data-testid={testId} data-ok={ok}>
      {label}: <strong>{formatScore(sum, lang)}/{max}</strong>
    </span>
  );
}

/** "criteria.3.code" → ['criteria', 3, 'code'] (the form's name path). */
const namePath = (field: string) => normalizeFieldPath(field).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
const FIELD_ROOTS = ['name', 'criteria', 'deductions', 'headReasonMargin'];

/**
 * A new version of a unit kind's template, starting from the version in force. The sums of the
 * maxima show live; the server checks them (30 and 70) and its refusals land on the fields.
 */
export function TemplateEditor({ kind, from, suggestedName, onDone, onCancel }: { kind: UnitKind | null; from: TCardTemplate; suggestedName: string; onDone: (version: number) => void; onCancel: () => void }) {
  const t = useT();
  const [lang] = useLanguage();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreateTemplate();
  const [listErrors, setListErrors] = useState<string[]>([]);
  const [leftover, setLeftover] = useState<string[]>([]);
  const criteria = Form.useWatch('criteria', form) ?? from.criteria;
  const sum = (group: 'general' | 'task') => criteria.filter((c) => c?.group === group).reduce((s, c) => s + (typeof c?.max === 'number' ? c.max : 0), 0);
  const decimal = lang === 'vi' ? ',' : '.';
  const required = { required: true, message: t('common.required') };

  const submit = (values: EditorValues) => {
    setListErrors([]);
    setLeftover([]);
    create.mutate(
      { unitKind: kind, ...values, name: values.name.trim(), criteria: values.criteria.map((c) => ({ ...c, code: c.code.trim(), name: c.name.trim() })) },
      {
        onSuccess: (r) => {
          void message.success(t('evaluation.tpl.created', { version: r.version, kind: t(unitKindKey(kind)) }));
          onDone(r.version);
        },
        onError: (e) => {
          if (!isApiError(e)) return;
          const onFields: Parameters<FormInstance<EditorValues>['setFields']>[0] = [];
          const list: string[] = [];
          const rest: string[] = [];
          for (const f of e.fieldErrors) {
            const path = namePath(f.field);
            if (path.length === 1 && path[0] === 'criteria') list.push(f.message);
            // The server names the same paths as the form (criteria.3.code, deductions.violation…).
            else if (FIELD_ROOTS.includes(String(path[0]))) onFields.push({ name: path as never, errors: [f.message] });
            else rest.push(f.message);
          }
          form.setFields(onFields);
          if (onFields[0]) form.scrollToField(onFields[0].name, { block: 'center' });
          setListErrors(list);
          setLeftover(rest);
        },
      },
    );
  };

  const fieldless = isApiError(create.error) && create.error.fieldErrors.length > 0 ? null : create.error;
  return (
    <Card className="cv-card ev-tpl-editor" title={<h2 className="ev-card-h">{t('evaluation.tpl.editorTitle', { kind: t(unitKindKey(kind)) })}</h2>} data-testid="template-editor">
      <Typography.Paragraph type="secondary" className="cv-card-hint">
        {t('evaluation.tpl.editorHint', { general: GENERAL_MAX, task: TASK_MAX })}
      </Typography.Paragraph>
      <ProblemAlert error={fieldless} extra={leftover} />
      <Form<EditorValues>
        form={form}
        layout="vertical"
        initialValues={{ name: suggestedName, criteria: from.criteria.map((c) => ({ ...c })), deductions: { ...from.deductions }, headReasonMargin: from.headReasonMargin }}
        onFinish={submit}
        onValuesChange={(changed: Partial<EditorValues>) => {
          if (changed.criteria) setListErrors([]);
        }}
        aria-label={t('evaluation.tpl.editorTitle', { kind: t(unitKindKey(kind)) })}
        data-testid="template-form"
      >
        <Form.Item name="name" label={t('evaluation.tpl.name')} rules={[required, { min: 3, max: 200, message: t('evaluation.tpl.nameLength') }]}>
          <Input maxLength={200} data-testid="tpl-name" />
        </Form.Item>
        <Typography.Title level={3} className="ev-subsection-title" id="tpl-criteria-title">
          {t('evaluation.tpl.criteria')}
        </Typography.Title>
        <div className="ev-tpl-row ev-tpl-row-head" aria-hidden>
          <span>{t('evaluation.tpl.code')}</span>
          <span>{t('evaluation.tpl.criterion')}</span>
          <span>{t('evaluation.tpl.group')}</span>
          <span>{t('evaluation.tpl.max')}</span>
          <span />
        </div>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <div role="group" aria-labelledby="tpl-criteria-title" data-testid="tpl-criteria">
              {fields.map((field, index) => (
                <div key={field.key} className="ev-tpl-row" data-testid="tpl-criterion">
                  <Form.Item name={[field.name, 'code']} rules={[required, { max: 10, message: t('evaluation.tpl.codeLength') }]} className="ev-tpl-cell">
                    <Input aria-label={t('evaluation.tpl.codeOf', { n: index + 1 })} maxLength={10} className="cv-mono" placeholder={t('evaluation.tpl.code')} data-testid="tpl-code" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[required, { min: 3, max: 300, message: t('evaluation.tpl.criterionLength') }]} className="ev-tpl-cell">
                    <Input.TextArea aria-label={t('evaluation.tpl.criterionOf', { n: index + 1 })} autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} placeholder={t('evaluation.tpl.criterion')} data-testid="tpl-criterion-name" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'group']} rules={[required]} className="ev-tpl-cell">
                    <Select
                      aria-label={t('evaluation.tpl.groupOf', { n: index + 1 })}
                      options={[
                        { value: 'general', label: t('evaluation.tpl.groupShort.general') },
                        { value: 'task', label: t('evaluation.tpl.groupShort.task') },
                      ]}
                      data-testid="tpl-group"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'max']} rules={[required]} className="ev-tpl-cell">
                    <InputNumber aria-label={t('evaluation.tpl.maxOf', { n: index + 1 })} min={0.5} max={TASK_MAX} step={1} decimalSeparator={decimal} style={{ width: '100%' }} placeholder={t('evaluation.tpl.max')} data-testid="tpl-max" />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 2}
                    aria-label={t('evaluation.tpl.removeOf', { n: index + 1 })}
                    data-testid="tpl-remove"
                  />
                </div>
              ))}
              <div className="ev-tpl-sums" role="status" aria-live="polite">
                <GroupSum label={t('evaluation.tpl.group.general')} sum={sum('general')} max={GENERAL_MAX} testId="tpl-sum-general" />
                <GroupSum label={t('evaluation.tpl.group.task')} sum={sum('task')} max={TASK_MAX} testId="tpl-sum-task" />
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ code: '', name: '', group: 'task', max: null })} disabled={fields.length >= 20} data-testid="tpl-add">
                  {t('evaluation.tpl.add')}
                </Button>
              </div>
              {listErrors.length ? (
                <div className="ev-tpl-list-errors" role="alert" data-testid="tpl-criteria-errors">
                  <Form.ErrorList errors={listErrors} />
                </div>
              ) : null}
            </div>
          )}
        </Form.List>
        <Typography.Title level={3} className="ev-subsection-title ev-section-gap">
          {t('evaluation.tpl.rulesTitle')}
        </Typography.Title>
        <div className="ev-points-row">
          <Form.Item name={['deductions', 'violation']} label={t('evaluation.tpl.violation')} rules={[required]}>
            <InputNumber min={0} max={GENERAL_MAX} step={1} decimalSeparator={decimal} suffix={t('evaluation.tpl.pointsUnit')} style={{ width: 180 }} data-testid="tpl-violation" />
          </Form.Item>
          <Form.Item name={['deductions', 'upheldComplaint']} label={t('evaluation.tpl.complaint')} rules={[required]}>
            <InputNumber min={0} max={GENERAL_MAX} step={1} decimalSeparator={decimal} suffix={t('evaluation.tpl.pointsUnit')} style={{ width: 180 }} data-testid="tpl-complaint" />
          </Form.Item>
          <Form.Item name="headReasonMargin" label={t('evaluation.tpl.margin')} rules={[required]} extra={t('evaluation.tpl.marginHelp')}>
            <InputNumber min={1} max={50} step={1} decimalSeparator={decimal} suffix={t('evaluation.tpl.pointsUnit')} style={{ width: 180 }} data-testid="tpl-margin" />
          </Form.Item>
        </div>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="tpl-submit">
            {t('evaluation.tpl.submit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
