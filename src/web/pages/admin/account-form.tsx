import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, type Control, type FieldValues, type Path } from 'react-hook-form';
import { z } from 'zod';
import { ZCreateAccountRequest, ZUpdateAccountRequest, type TAccount, type TRole } from '../../../shared/schemas/access.ts';
import { useCreateAccount, useUpdateAccount } from '../../api/access.queries.ts';
import { useOfficials } from '../../api/officials.queries.ts';
import { useUnits } from '../../api/org.queries.ts';
import { FormField } from '../../components/form-field.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';
import { ROLES, roleLabelKey } from '../../lib/roles.ts';

type CreateIn = z.input<typeof ZCreateAccountRequest>;
type CreateOut = z.output<typeof ZCreateAccountRequest>;

const ZEditAccountForm = ZUpdateAccountRequest.omit({ unlock: true, password: true }).extend({
  // Empty = keep the current password.
  password: z.string().max(200).refine((v) => v === '' || v.length >= 10, 'Mật khẩu cần ít nhất 10 ký tự.'),
  active: z.boolean(),
});
type EditIn = z.input<typeof ZEditAccountForm>;
type EditOut = z.output<typeof ZEditAccountForm>;

/** Roles as a labelled checkbox group (antd multi-select has screen-reader gaps, DESIGN.md). */
function RolesField<T extends FieldValues>({ control, name, idPrefix }: { control: Control<T>; name: Path<T>; idPrefix: string }) {
  const t = useT();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormField label={t('account.roles')} labelId={`${idPrefix}-roles-label`} required error={fieldState.error?.message}>
          <Checkbox.Group
            aria-labelledby={`${idPrefix}-roles-label`}
            role="group"
            className="cv-role-checks"
            value={(field.value as TRole[] | undefined) ?? []}
            onChange={(v) => field.onChange(v)}
            options={ROLES.map((r) => ({ value: r, label: t(roleLabelKey(r)) }))}
          />
        </FormField>
      )}
    />
  );
}

function useUnitList() {
  const units = useUnits();
  return { list: units.data ?? [], loading: units.isPending };
}

function OfficialPicker({ id, value, onChange }: { id: string; value: string | null | undefined; onChange: (v: string | null) => void }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const officials = useOfficials({ q: debounced, limit: 20 }, debounced.trim().length > 0 || Boolean(value));
  const options = (officials.data?.pages[0]?.items ?? []).map((o) => ({ value: o.id, label: `${o.fullName} — ${o.unitName}` }));
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      placeholder={t('account.officialPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={officials.isFetching}
      notFoundContent={debounced ? t('official.none') : null}
      options={options}
    />
  );
}

export function CreateAccountForm({ onClose, defaultUnitId }: { onClose: () => void; defaultUnitId?: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const units = useUnitList();
  const create = useCreateAccount();
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(ZCreateAccountRequest, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<CreateIn, unknown, CreateOut>({
    resolver,
    defaultValues: { username: '', displayName: '', password: '', unitId: defaultUnitId ?? '', roles: ['officer'], officialId: null },
  });
  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    create.mutate(values, {
      onSuccess: () => {
        void message.success(t('account.created'));
        onClose();
      },
      onError: (error) => setLeftover(applyServerErrors(error, setError, Object.keys(ZCreateAccountRequest.shape))),
    });
  });
  return (
    <Modal
      open
      title={t('account.add')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'account-form', loading: create.isPending }}
      width={680}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="account-form" data-testid="account-form" onSubmit={onSubmit} noValidate aria-label={t('account.add')}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="username"
                render={({ field, fieldState }) => (
                  <FormField label={t('account.username')} htmlFor="acc-username" required error={fieldState.error?.message}>
                    <Input {...field} id="acc-username" autoComplete="off" autoCapitalize="none" spellCheck={false} status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="displayName"
                render={({ field, fieldState }) => (
                  <FormField label={t('account.displayName')} htmlFor="acc-displayName" required error={fieldState.error?.message}>
                    <Input {...field} id="acc-displayName" autoComplete="off" status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="password"
                render={({ field, fieldState }) => (
                  <FormField label={t('account.password')} htmlFor="acc-password" required error={fieldState.error?.message}>
                    <Input.Password {...field} id="acc-password" autoComplete="new-password" status={fieldState.error ? 'error' : undefined} />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="unitId"
                render={({ field, fieldState }) => (
                  <FormField label={t('account.unit')} htmlFor="acc-unitId" required error={fieldState.error?.message}>
                    <UnitTreeSelect
                      id="acc-unitId"
                      units={units.list}
                      loading={units.loading}
                      value={field.value || undefined}
                      onChange={(v) => field.onChange(v ?? '')}
                      status={fieldState.error ? 'error' : undefined}
                    />
                  </FormField>
                )}
              />
            </Col>
          </Row>
          <RolesField control={control} name="roles" idPrefix="acc" />
          <Controller
            control={control}
            name="officialId"
            render={({ field, fieldState }) => (
              <FormField label={t('account.official')} htmlFor="acc-officialId" error={fieldState.error?.message}>
                <OfficialPicker id="acc-officialId" value={field.value} onChange={field.onChange} />
              </FormField>
            )}
          />
        </form>
      </Form>
    </Modal>
  );
}

export function EditAccountForm({ account, onClose }: { account: TAccount; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const units = useUnitList();
  const update = useUpdateAccount();
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(ZEditAccountForm, { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError } = useForm<EditIn, unknown, EditOut>({
    resolver,
    defaultValues: { displayName: account.displayName, unitId: account.unit.id, roles: account.roles, active: account.active, password: '' },
  });
  const onSubmit = handleSubmit(({ password, ...values }) => {
    setLeftover([]);
    update.mutate(
      { id: account.id, patch: { ...values, ...(password ? { password } : {}) } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => setLeftover(applyServerErrors(error, setError, Object.keys(ZEditAccountForm.shape))),
      },
    );
  });
  const title = `${t('account.edit')}: ${account.username}`;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'account-edit-form', loading: update.isPending }}
      width={680}
      destroyOnHidden
    >
      <ProblemAlert error={update.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="account-edit-form" data-testid="account-edit-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="displayName"
                render={({ field, fieldState }) => (
                  <FormField label={t('account.displayName')} htmlFor="acce-displayName" required error={fieldState.error?.message}>
                    <Input {...field} value={field.value ?? ''} id="acce-displayName" autoComplete="off" />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="unitId"
                render={({ field, fieldState }) => (
                  <FormField label={t('account.unit')} htmlFor="acce-unitId" required error={fieldState.error?.message}>
                    <UnitTreeSelect
                      id="acce-unitId"
                      units={units.list}
                      loading={units.loading}
                      value={field.value || undefined}
                      onChange={(v) => field.onChange(v)}
                    />
                  </FormField>
                )}
              />
            </Col>
          </Row>
          <RolesField control={control} name="roles" idPrefix="acce" />
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="password"
                render={({ field, fieldState }) => (
                  <FormField
                    label={t('account.newPassword')}
                    htmlFor="acce-password"
                    error={fieldState.error?.message}
                    help={t('account.newPasswordHelp')}
                  >
                    <Input.Password {...field} id="acce-password" autoComplete="new-password" />
                  </FormField>
                )}
              />
            </Col>
            <Col xs={24} sm={12}>
              <Controller
                control={control}
                name="active"
                render={({ field }) => (
                  <FormField label={t('common.status')} htmlFor="acce-active">
                    <Checkbox id="acce-active" checked={field.value} onChange={(e) => field.onChange(e.target.checked)}>
                      {t('account.activeLabel')}
                    </Checkbox>
                  </FormField>
                )}
              />
            </Col>
          </Row>
        </form>
      </Form>
    </Modal>
  );
}
