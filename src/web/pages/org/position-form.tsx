import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ZCreatePositionRequest, type TPosition } from '../../../shared/schemas/org.ts';
import { useCreatePosition, useUpdatePosition } from '../../api/org.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';

const ZPositionForm = ZCreatePositionRequest.extend({ active: z.boolean() });
type PositionIn = z.input<typeof ZPositionForm>;
type PositionOut = z.output<typeof ZPositionForm>;
const FIELDS = [...Object.keys(ZPositionForm.shape)];

interface PositionFormProps {
  unitId: string;
  position?: TPosition;
  onClose: () => void;
}

/** Job position (vị trí việc làm) with its description and competency framework. */
export function PositionForm({ unitId, position, onClose }: PositionFormProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreatePosition();
  const update = useUpdatePosition();
  const mutation = position ? update : create;
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(ZPositionForm, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<PositionIn, unknown, PositionOut>({
    resolver,
    defaultValues: {
      unitId,
      title: position?.title ?? '',
      code: position?.code ?? '',
      jobDescription: position?.jobDescription ?? '',
      competencies: position?.competencies ?? [],
      active: position?.active ?? true,
    },
  });
  const competencies = useFieldArray({ control, name: 'competencies' });
  const title = position ? t('position.edit') : t('position.add');

  const onSubmit = handleSubmit(({ unitId: _unit, active, ...values }) => {
    setLeftover([]);
    const done = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    const onError = (error: unknown) => setLeftover(applyServerErrors(error, setError, FIELDS));
    if (position) update.mutate({ id: position.id, patch: { ...values, active } }, { onSuccess: done, onError });
    else create.mutate({ unitId, ...values }, { onSuccess: done, onError });
  });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'position-form', loading: mutation.isPending }}
      width={720}
      destroyOnHidden
    >
      <ProblemAlert error={mutation.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="position-form" data-testid="position-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Row gutter={16}>
            <Col xs={24} sm={16}>
              <Controller
                control={control}
                name="title"
                render={({ field, fieldState }) => (
                  <FormField label={t('position.title')} htmlFor="pos-title" required error={fieldState.error?.message}>
                    <Input {...field} id="pos-title" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={8}>
              <Controller
                control={control}
                name="code"
                render={({ field, fieldState }) => (
                  <FormField label={t('position.code')} htmlFor="pos-code" error={fieldState.error?.message}>
                    <Input {...field} value={field.value ?? ''} id="pos-code" autoComplete="off" />
                  </FormField>
                )}
              />
            </Col>
          </Row>
          <Controller
            control={control}
            name="jobDescription"
            render={({ field, fieldState }) => (
              <FormField label={t('position.jobDescription')} htmlFor="pos-jobDescription" error={fieldState.error?.message}>
                <Input.TextArea {...field} value={field.value ?? ''} id="pos-jobDescription" autoSize={{ minRows: 3, maxRows: 10 }} />
              </FormField>
            )}
          />
          <Typography.Title level={3} className="cv-form-section">
            {t('position.competencies')}
          </Typography.Title>
          {competencies.fields.map((item, index) => (
            <Row gutter={8} key={item.id} align="top">
              <Col flex="auto">
                <Controller
                  control={control}
                  name={`competencies.${index}.name`}
                  render={({ field, fieldState }) => (
                    <FormField label={`${t('position.competencyName')} ${index + 1}`} htmlFor={`pos-comp-${index}-name`} error={fieldState.error?.message}>
                      <Input {...field} id={`pos-comp-${index}-name`} autoComplete="off" />
                    </FormField>
                  )}
                />
              </Col>
              <Col flex="120px">
                <Controller
                  control={control}
                  name={`competencies.${index}.level`}
                  render={({ field, fieldState }) => (
                    <FormField label={t('position.competencyLevel')} htmlFor={`pos-comp-${index}-level`} error={fieldState.error?.message}>
                      <InputNumber
                        id={`pos-comp-${index}-level`}
                        min={1}
                        max={5}
                        value={field.value}
                        onChange={(v) => field.onChange(v ?? 1)}
                        style={{ width: '100%' }}
                      />
                    </FormField>
                  )}
                />
              </Col>
              <Col flex="40px" className="cv-row-remove">
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`${t('position.removeCompetency')} ${index + 1}`}
                  onClick={() => competencies.remove(index)}
                />
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => competencies.append({ name: '', level: 3 })} style={{ marginBottom: 16 }}>
            {t('position.addCompetency')}
          </Button>
          {position ? (
            <Controller
              control={control}
              name="active"
              render={({ field }) => (
                <Form.Item>
                  <Checkbox id="pos-active" checked={field.value} onChange={(e) => field.onChange(e.target.checked)}>
                    {t('common.active')}
                  </Checkbox>
                </Form.Item>
              )}
            />
          ) : null}
        </form>
      </Form>
    </Modal>
  );
}
