import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ZCreateUnitRequest, ZUpdateUnitRequest, type TUnit } from '../../../shared/schemas/org.ts';
import { useCreateUnit, useUpdateUnit } from '../../api/org.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { subtreeIds } from '../../lib/unit-tree.ts';
import { unitKindOptions } from './unit-labels.ts';

// The parent is chosen only when creating (moving is its own action), so it is not re-validated on edit.
const ZUnitForm = ZCreateUnitRequest.extend({ parentId: z.string() });
type CreateIn = z.input<typeof ZUnitForm>;
type CreateOut = z.output<typeof ZUnitForm>;
const FIELDS = Object.keys(ZCreateUnitRequest.shape);

interface UnitFormProps {
  /** Create a child of `parent`, or edit `unit`. */
  parent?: TUnit;
  unit?: TUnit;
  units: readonly TUnit[];
  onClose: () => void;
  onSaved: (unit: TUnit) => void;
}

/** Adds a sub-unit or edits a unit (name, codes, kind, parent = move). */
export function UnitForm({ parent, unit, units, onClose, onSaved }: UnitFormProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const mutation = unit ? update : create;
  const [leftover, setLeftover] = useState<string[]>([]);
  const isProvince = unit?.kind === 'province';
  const resolver = useMemo(() => zodResolver(ZUnitForm, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<CreateIn, unknown, CreateOut>({
    resolver,
    defaultValues: unit
      ? {
          parentId: unit.parentId ?? '',
          code: unit.code,
          adminCode: unit.adminCode ?? '',
          name: unit.name,
          shortName: unit.shortName ?? '',
          // A province's kind cannot change; the placeholder value is never sent.
          kind: unit.kind === 'province' ? 'other' : unit.kind,
        }
      : { parentId: parent?.id ?? '', code: '', adminCode: '', name: '', shortName: '', kind: parent?.kind === 'province' ? 'department' : 'division' },
  });
  const title = unit ? t('org.editUnit') : t('org.addChild');

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    const onError = (error: unknown) => setLeftover(applyServerErrors(error, setError, FIELDS));
    if (unit) {
      const patch: z.input<typeof ZUpdateUnitRequest> = { ...values };
      delete patch.parentId; // moving is its own action (MoveUnitForm)
      if (isProvince) delete patch.kind;
      update.mutate(
        { id: unit.id, patch },
        { onSuccess: (saved) => { void message.success(t('common.saved')); onSaved(saved); }, onError },
      );
    } else {
      create.mutate(values, { onSuccess: (saved) => { void message.success(t('org.created')); onSaved(saved); }, onError });
    }
  });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'unit-form', loading: mutation.isPending }}
      width={640}
      destroyOnHidden
    >
      <ProblemAlert error={mutation.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="unit-form" data-testid="unit-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Controller
            control={control}
            name="name"
            render={({ field, fieldState }) => (
              <FormField label={t('org.name')} htmlFor="unit-name" required error={fieldState.error?.message}>
                <Input {...field} id="unit-name" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
              </FormField>
            )}
          />
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="shortName"
                render={({ field, fieldState }) => (
                  <FormField label={t('org.shortName')} htmlFor="unit-shortName" error={fieldState.error?.message}>
                    <Input {...field} value={field.value ?? ''} id="unit-shortName" autoComplete="off" />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="kind"
                render={({ field, fieldState }) => (
                  <FormField label={t('org.kind')} htmlFor="unit-kind" required error={fieldState.error?.message}>
                    {isProvince ? (
                      <Input id="unit-kind" value={t('unitKind.province')} disabled />
                    ) : (
                      <Select id="unit-kind" value={field.value} onChange={field.onChange} options={unitKindOptions(t)} />
                    )}
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="code"
                render={({ field, fieldState }) => (
                  <FormField label={t('org.code')} htmlFor="unit-code" required error={fieldState.error?.message}>
                    <Input {...field} id="unit-code" autoComplete="off" spellCheck={false} status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="adminCode"
                render={({ field, fieldState }) => (
                  <FormField label={t('org.adminCode')} htmlFor="unit-adminCode" error={fieldState.error?.message}>
                    <Input {...field} value={field.value ?? ''} id="unit-adminCode" autoComplete="off" />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="sortOrder"
                render={({ field, fieldState }) => (
                  <FormField label={t('org.sortOrder')} htmlFor="unit-sortOrder" error={fieldState.error?.message}>
                    <InputNumber
                      id="unit-sortOrder"
                      min={0}
                      max={100000}
                      value={field.value ?? null}
                      onChange={(v) => field.onChange(v ?? undefined)}
                      style={{ width: '100%' }}
                    />
                  </FormField>
                )}
              />
            </Col>
          </Row>
          {!unit ? (
            <Controller
              control={control}
              name="parentId"
              render={({ field, fieldState }) => (
                <FormField label={t('org.parent')} htmlFor="unit-parentId" required error={fieldState.error?.message}>
                  <UnitTreeSelect
                    id="unit-parentId"
                    units={units}
                    value={field.value || undefined}
                    onChange={(v) => field.onChange(v ?? '')}
                    status={fieldState.error ? 'error' : undefined}
                  />
                </FormField>
              )}
            />
          ) : null}
        </form>
      </Form>
    </Modal>
  );
}

interface MoveUnitFormProps {
  unit: TUnit;
  units: readonly TUnit[];
  onClose: () => void;
  onSaved: (unit: TUnit) => void;
}

/** Moves a unit (and its subtree) under another parent. */
export function MoveUnitForm({ unit, units, onClose, onSaved }: MoveUnitFormProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const update = useUpdateUnit();
  const [parentId, setParentId] = useState<string | undefined>(unit.parentId ?? undefined);
  const blocked = useMemo(() => subtreeIds(units, unit.id), [units, unit.id]);
  const fieldError = update.error?.fieldErrors.find((e) => e.field.endsWith('parentId'))?.message;
  return (
    <Modal
      open
      title={`${t('org.moveUnit')}: ${unit.name}`}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !parentId || parentId === unit.parentId, loading: update.isPending }}
      onOk={() =>
        parentId &&
        update.mutate(
          { id: unit.id, patch: { parentId } },
          { onSuccess: (saved) => { void message.success(t('common.saved')); onSaved(saved); } },
        )
      }
      destroyOnHidden
    >
      <ProblemAlert error={fieldError ? null : update.error} />
      <Form component={false} layout="vertical">
        <FormField label={t('org.moveTo')} htmlFor="move-parentId" required error={fieldError}>
          <UnitTreeSelect id="move-parentId" units={units} value={parentId} onChange={setParentId} disabledIds={blocked} />
        </FormField>
      </Form>
    </Modal>
  );
}
