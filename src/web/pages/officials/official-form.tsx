import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, AutoComplete, Button, Checkbox, Col, Drawer, Form, Grid, Input, Radio, Row, Select, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ZOfficialFields, type TOfficial, type TUpdateOfficialRequest } from '../../../shared/schemas/org.ts';
import { useCreateOfficial, useUpdateOfficial } from '../../api/officials.queries.ts';
import { usePositions, useUnits } from '../../api/org.queries.ts';
import { DateField } from '../../components/date-field.tsx';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT, type TFunction } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { employmentOptions, genderOptions, partyOptions } from './official-labels.ts';

const RANKS = ['Chuyên viên cao cấp', 'Chuyên viên chính', 'Chuyên viên', 'Cán sự', 'Nhân viên', 'Thanh tra viên', 'Thanh tra viên chính'];

const FIELDS = Object.keys(ZOfficialFields.shape);

function makeSchema(t: TFunction, idMasked: boolean) {
  return ZOfficialFields.extend({
    idNumber: idMasked ? z.string() : z.string().trim().regex(/^\d{12}$/, t('official.idNumberFormat')),
  });
}

type FormIn = z.input<ReturnType<typeof makeSchema>>;
type FormOut = z.output<ReturnType<typeof makeSchema>>;

interface OfficialFormProps {
  open: boolean;
  /** The official to edit; undefined to create. */
  official?: TOfficial;
  /** Pre-selected unit when creating. */
  defaultUnitId?: string;
  onClose: () => void;
  onSaved: (official: TOfficial) => void;
}

function toDefaults(official: TOfficial | undefined, unitId: string | undefined): FormIn {
  if (!official) {
    return {
      unitId: unitId ?? '',
      positionId: null,
      fullName: '',
      idNumber: '',
      gender: null,
      birthDate: null,
      email: '',
      phone: '',
      rank: '',
      employmentType: 'cong_chuc',
      partyRole: 'none',
      isHead: false,
      startedOn: null,
    };
  }
  return {
    unitId: official.unitId,
    positionId: official.positionId,
    fullName: official.fullName,
    idNumber: official.idNumber,
    gender: official.gender,
    birthDate: official.birthDate,
    email: official.email ?? '',
    phone: official.phone ?? '',
    rank: official.rank ?? '',
    employmentType: official.employmentType,
    partyRole: official.partyRole,
    isHead: official.isHead,
    startedOn: official.startedOn,
  };
}

export function OfficialForm({ open, official, defaultUnitId, onClose, onSaved }: OfficialFormProps) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const { message } = AntApp.useApp();
  const idMasked = Boolean(official?.idNumber.includes('*'));
  const units = useUnits();
  const create = useCreateOfficial();
  const update = useUpdateOfficial();
  const mutation = official ? update : create;
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t, idMasked), { error: formErrorMap(t) }), [t, idMasked]);
  const { control, handleSubmit, setError, setValue } = useForm<FormIn, unknown, FormOut>({
    resolver,
    defaultValues: toDefaults(official, defaultUnitId),
  });
  const unitId = useWatch({ control, name: 'unitId' });
  const positions = usePositions(unitId || undefined);
  const activeUnits = useMemo(() => units.data ?? [], [units.data]);

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    const onError = (error: unknown) => setLeftover(applyServerErrors(error, setError, FIELDS));
    if (official) {
      const patch: TUpdateOfficialRequest = { ...values };
      if (idMasked) delete patch.idNumber;
      update.mutate(
        { id: official.id, patch },
        {
          onSuccess: (saved) => {
            void message.success(t('common.saved'));
            onSaved(saved);
          },
          onError,
        },
      );
    } else {
      create.mutate(values, {
        onSuccess: (saved) => {
          void message.success(t('official.created'));
          onSaved(saved);
        },
        onError,
      });
    }
  });

  const title = official ? t('official.edit') : t('official.add');
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      footer={
        <Space className="cv-drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="official-form" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={mutation.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="official-form" data-testid="official-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Typography.Title level={2} className="cv-form-section">
            {t('official.sectionPersonal')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="fullName"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.fullName')} htmlFor="of-fullName" required error={fieldState.error?.message}>
                    <Input {...field} id="of-fullName" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="idNumber"
                render={({ field, fieldState }) => (
                  <FormField
                    label={t('official.idNumber')}
                    htmlFor="of-idNumber"
                    required={!idMasked}
                    error={fieldState.error?.message}
                    help={idMasked ? t('official.idNumberMasked') : t('official.idNumberHelp')}
                  >
                    <Input
                      {...field}
                      id="of-idNumber"
                      inputMode="numeric"
                      maxLength={12}
                      disabled={idMasked}
                      autoComplete="off"
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="gender"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.gender')} labelId="of-gender-label" error={fieldState.error?.message}>
                    <Radio.Group
                      id="of-gender"
                      aria-labelledby="of-gender-label"
                      value={field.value ?? undefined}
                      onChange={(e) => field.onChange(e.target.value)}
                      options={genderOptions(t)}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="birthDate"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.birthDate')} htmlFor="of-birthDate" error={fieldState.error?.message}>
                    <DateField
                      id="of-birthDate"
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      disabledFuture
                      openYearsAgo={35}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="email"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.email')} htmlFor="of-email" error={fieldState.error?.message}>
                    <Input
                      {...field}
                      value={field.value ?? ''}
                      id="of-email"
                      type="email"
                      autoComplete="off"
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="phone"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.phone')} htmlFor="of-phone" error={fieldState.error?.message}>
                    <Input
                      {...field}
                      value={field.value ?? ''}
                      id="of-phone"
                      type="tel"
                      inputMode="tel"
                      autoComplete="off"
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
          </Row>

          <Typography.Title level={2} className="cv-form-section">
            {t('official.sectionWork')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24}>
              <Controller
                control={control}
                name="unitId"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.unit')} htmlFor="of-unitId" required error={fieldState.error?.message}>
                    <UnitTreeSelect
                      id="of-unitId"
                      units={activeUnits}
                      loading={units.isPending}
                      value={field.value || undefined}
                      onChange={(v) => {
                        field.onChange(v ?? '');
                        setValue('positionId', null);
                      }}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="positionId"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.position')} htmlFor="of-positionId" error={fieldState.error?.message}>
                    <Select
                      id="of-positionId"
                      allowClear
                      placeholder={t('official.positionPlaceholder')}
                      value={field.value ?? undefined}
                      onChange={(v: string | undefined) => field.onChange(v ?? null)}
                      loading={positions.isFetching}
                      notFoundContent={positions.isFetching ? <Spin size="small" /> : t('org.noPositions')}
                      options={(positions.data ?? []).filter((p) => p.active || p.id === field.value).map((p) => ({ value: p.id, label: p.title }))}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="rank"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.rank')} htmlFor="of-rank" error={fieldState.error?.message}>
                    <AutoComplete
                      id="of-rank"
                      value={field.value ?? ''}
                      onChange={(v: string) => field.onChange(v)}
                      onBlur={field.onBlur}
                      options={RANKS.map((r) => ({ value: r }))}
                      showSearch={{ filterOption: (input, option) => (option?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="employmentType"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.employmentType')} htmlFor="of-employmentType" error={fieldState.error?.message}>
                    <Select id="of-employmentType" value={field.value} onChange={field.onChange} options={employmentOptions(t)} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="partyRole"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.partyRole')} htmlFor="of-partyRole" error={fieldState.error?.message}>
                    <Select id="of-partyRole" value={field.value} onChange={field.onChange} options={partyOptions(t)} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="startedOn"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.startedOn')} htmlFor="of-startedOn" error={fieldState.error?.message}>
                    <DateField
                      id="of-startedOn"
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} md={12}>
              <Controller
                control={control}
                name="isHead"
                render={({ field, fieldState }) => (
                  <FormField label={t('official.isHead')} htmlFor="of-isHead" error={fieldState.error?.message}>
                    <Checkbox id="of-isHead" checked={Boolean(field.value)} onChange={(e) => field.onChange(e.target.checked)}>
                      {t('official.isHeadCheckbox')}
                    </Checkbox>
                  </FormField>
                )}
              />
            </Col>
          </Row>
        </form>
      </Form>
    </Drawer>
  );
}
