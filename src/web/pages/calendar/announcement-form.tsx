import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App as AntApp, Button, DatePicker, Drawer, Form, Grid, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm, type Control, type FieldPath } from 'react-hook-form';
import { z } from 'zod';
import type { YearAnnouncement } from '../../../domain/calendar/calendar-data.ts';
import type { DateOnly } from '../../../domain/calendar/date-only.ts';
import { HOLIDAY_IDS } from '../../../domain/calendar/holidays.ts';
import { useSaveAnnouncement } from '../../api/calendar.queries.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT, type TFunction, type TKey } from '../../i18n/i18n.tsx';
import { DATE_FORMAT } from '../../lib/format.ts';
import { applyServerErrors, formErrorMap } from '../../lib/forms.ts';

const HOLIDAYS = Object.values(HOLIDAY_IDS);

function makeSchema(t: TFunction) {
  const date = z.string({ error: t('common.required') }).nullable().refine((v) => Boolean(v), t('common.required'));
  const text = z.string().trim().min(1, t('common.required')).max(300);
  return z.object({
    sources: z.array(z.object({ value: z.string().max(200) })),
    holidayDates: z.record(z.string(), z.array(z.string())),
    compensatoryDays: z.array(z.object({ date, forDate: date })),
    swaps: z.array(z.object({ dayOff: date, workDay: date, note: z.string().max(300) })),
    extraDaysOff: z.array(z.object({ date, name: text })),
    extraWorkingDays: z.array(z.object({ date, name: text })),
  });
}
type Values = z.input<ReturnType<typeof makeSchema>>;

function toValues(a: YearAnnouncement | null | undefined): Values {
  return {
    sources: (a?.sources ?? []).map((value) => ({ value })),
    holidayDates: Object.fromEntries(HOLIDAYS.map((id) => [id, [...(a?.holidayDates?.[id] ?? [])]])),
    compensatoryDays: (a?.compensatoryDays ?? []).map((c) => ({ date: c.date, forDate: c.forDate })),
    swaps: (a?.swaps ?? []).map((s) => ({ dayOff: s.dayOff, workDay: s.workDay, note: s.note ?? '' })),
    extraDaysOff: (a?.extraDaysOff ?? []).map((d) => ({ date: d.date, name: d.name })),
    extraWorkingDays: (a?.extraWorkingDays ?? []).map((d) => ({ date: d.date, name: d.name })),
  };
}

const d = (v: string | null | undefined) => (v ?? '') as DateOnly;

/** The YearAnnouncement JSON, leaving out what is empty so the rules apply there. */
function toAnnouncement(year: number, v: Values): YearAnnouncement {
  const out: YearAnnouncement = { year };
  const sources = v.sources.map((s) => s.value.trim()).filter(Boolean);
  if (sources.length) out.sources = sources;
  const holidayDates = Object.fromEntries(Object.entries(v.holidayDates).filter(([, dates]) => dates.length).map(([id, dates]) => [id, [...dates].sort().map(d)]));
  if (Object.keys(holidayDates).length) out.holidayDates = holidayDates;
  if (v.compensatoryDays.length) out.compensatoryDays = v.compensatoryDays.map((c) => ({ date: d(c.date), forDate: d(c.forDate) }));
  if (v.swaps.length) out.swaps = v.swaps.map((s) => ({ dayOff: d(s.dayOff), workDay: d(s.workDay), ...(s.note.trim() ? { note: s.note.trim() } : {}) }));
  if (v.extraDaysOff.length) out.extraDaysOff = v.extraDaysOff.map((x) => ({ date: d(x.date), name: x.name.trim() }));
  if (v.extraWorkingDays.length) out.extraWorkingDays = v.extraWorkingDays.map((x) => ({ date: d(x.date), name: x.name.trim() }));
  return out;
}

function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="cv-ann-section" data-testid={testId}>
      <Typography.Title level={3} className="cv-form-section">
        {title}
      </Typography.Title>
      {hint ? (
        <Typography.Paragraph type="secondary" className="cv-card-hint">
          {hint}
        </Typography.Paragraph>
      ) : null}
      {children}
    </section>
  );
}

function DateCell({ control, name, label, year }: { control: Control<Values>; name: FieldPath<Values>; label: string; year: number }) {
  const id = `ann-${name.replace(/\./g, '-')}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <div className="cv-ann-cell">
          <label htmlFor={id} className="cv-ann-label">
            {label}
          </label>
          <DateFieldInYear id={id} year={year} value={field.value as string | null} onChange={field.onChange} error={fieldState.error?.message} />
        </div>
      )}
    />
  );
}

function DateFieldInYear({ id, year, value, onChange, error }: { id: string; year: number; value: string | null; onChange: (v: string | null) => void; error?: string }) {
  return (
    <>
      <DatePicker
        id={id}
        value={value ? dayjs(value, 'YYYY-MM-DD') : null}
        format={[DATE_FORMAT, 'D/M/YYYY']}
        placeholder="dd/mm/yyyy"
        onChange={(x) => onChange(x ? x.format('YYYY-MM-DD') : null)}
        defaultPickerValue={dayjs(`${year}-01-01`)}
        status={error ? 'error' : undefined}
        style={{ width: '100%' }}
      />
      {error ? <div className="ant-form-item-explain-error">{error}</div> : null}
    </>
  );
}

function TextCell({ control, name, label, placeholder }: { control: Control<Values>; name: FieldPath<Values>; label: string; placeholder?: string }) {
  const id = `ann-${name.replace(/\./g, '-')}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <div className="cv-ann-cell cv-ann-cell-wide">
          <label htmlFor={id} className="cv-ann-label">
            {label}
          </label>
          <Input
            id={id}
            value={(field.value as string) ?? ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            placeholder={placeholder}
            status={fieldState.error ? 'error' : undefined}
          />
          {fieldState.error ? <div className="ant-form-item-explain-error">{fieldState.error.message}</div> : null}
        </div>
      )}
    />
  );
}

function RemoveButton({ n, onClick }: { n: number; onClick: () => void }) {
  const t = useT();
  return <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('calendar.removeRow', { n })} onClick={onClick} className="cv-ann-remove" />;
}

export function AnnouncementForm({ year, initial, onClose }: { year: number; initial: YearAnnouncement | null; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const { message } = AntApp.useApp();
  const save = useSaveAnnouncement(year);
  const [leftover, setLeftover] = useState<string[]>([]);
  const resolver = useMemo(() => zodResolver(makeSchema(t), { error: formErrorMap(t) }), [t]);
  const { control, handleSubmit, setError, getValues } = useForm<Values>({ resolver, defaultValues: toValues(initial) });
  const sources = useFieldArray({ control, name: 'sources' });
  const comp = useFieldArray({ control, name: 'compensatoryDays' });
  const swaps = useFieldArray({ control, name: 'swaps' });
  const off = useFieldArray({ control, name: 'extraDaysOff' });
  const work = useFieldArray({ control, name: 'extraWorkingDays' });
  const title = t('calendar.editTitle', { year });

  const onSubmit = handleSubmit((values) => {
    setLeftover([]);
    save.mutate(toAnnouncement(year, values as Values), {
      onSuccess: () => {
        void message.success(t('calendar.saved'));
        onClose();
      },
      onError: (error) => {
        const v = getValues();
        const paths = [
          ...v.sources.map((_, i) => `sources.${i}.value`),
          ...v.compensatoryDays.flatMap((_, i) => [`compensatoryDays.${i}.date`, `compensatoryDays.${i}.forDate`]),
          ...v.swaps.flatMap((_, i) => [`swaps.${i}.dayOff`, `swaps.${i}.workDay`, `swaps.${i}.note`]),
          ...v.extraDaysOff.flatMap((_, i) => [`extraDaysOff.${i}.date`, `extraDaysOff.${i}.name`]),
          ...v.extraWorkingDays.flatMap((_, i) => [`extraWorkingDays.${i}.date`, `extraWorkingDays.${i}.name`]),
        ];
        setLeftover(applyServerErrors(error, setError, paths));
      },
    });
  });

  return (
    <Drawer
      open
      onClose={onClose}
      title={title}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
      footer={
        <Space className="cv-drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form="announcement-form" loading={save.isPending} data-testid="announcement-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('calendar.editIntro')}</Typography.Paragraph>
      <ProblemAlert error={save.error} extra={leftover} />
      <Form component={false} layout="vertical">
        <form id="announcement-form" data-testid="announcement-form" onSubmit={onSubmit} noValidate aria-label={title}>
          <Section title={t('calendar.sources')}>
            {sources.fields.map((row, i) => (
              <div className="cv-ann-row" key={row.id}>
                <TextCell control={control} name={`sources.${i}.value`} label={t('calendar.sourceN', { n: i + 1 })} placeholder={t('calendar.sourcePlaceholder')} />
                <RemoveButton n={i + 1} onClick={() => sources.remove(i)} />
              </div>
            ))}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => sources.append({ value: '' })} className="cv-list-add">
              {t('calendar.addSource')}
            </Button>
          </Section>

          <Section title={t('calendar.swaps')} testId="ann-swaps">
            {swaps.fields.map((row, i) => (
              <div className="cv-ann-row" key={row.id}>
                <DateCell control={control} year={year} name={`swaps.${i}.dayOff`} label={t('calendar.swapDayOff')} />
                <DateCell control={control} year={year} name={`swaps.${i}.workDay`} label={t('calendar.swapWorkDay')} />
                <TextCell control={control} name={`swaps.${i}.note`} label={t('calendar.note')} />
                <RemoveButton n={i + 1} onClick={() => swaps.remove(i)} />
              </div>
            ))}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => swaps.append({ dayOff: null, workDay: null, note: '' })} className="cv-list-add">
              {t('calendar.addSwap')}
            </Button>
          </Section>

          <Section title={t('calendar.extraDaysOff')}>
            {off.fields.map((row, i) => (
              <div className="cv-ann-row" key={row.id}>
                <DateCell control={control} year={year} name={`extraDaysOff.${i}.date`} label={t('calendar.date')} />
                <TextCell control={control} name={`extraDaysOff.${i}.name`} label={t('calendar.dayName')} />
                <RemoveButton n={i + 1} onClick={() => off.remove(i)} />
              </div>
            ))}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => off.append({ date: null, name: '' })} className="cv-list-add">
              {t('calendar.addDay')}
            </Button>
          </Section>

          <Section title={t('calendar.extraWorkingDays')}>
            {work.fields.map((row, i) => (
              <div className="cv-ann-row" key={row.id}>
                <DateCell control={control} year={year} name={`extraWorkingDays.${i}.date`} label={t('calendar.date')} />
                <TextCell control={control} name={`extraWorkingDays.${i}.name`} label={t('calendar.dayName')} />
                <RemoveButton n={i + 1} onClick={() => work.remove(i)} />
              </div>
            ))}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => work.append({ date: null, name: '' })} className="cv-list-add">
              {t('calendar.addDay')}
            </Button>
          </Section>

          <Section title={t('calendar.holidayDates')} hint={t('calendar.holidayDatesHint')}>
            {HOLIDAYS.map((id) => (
              <Controller
                key={id}
                control={control}
                name={`holidayDates.${id}`}
                render={({ field }) => (
                  <div className="cv-ann-holiday">
                    <label htmlFor={`ann-holiday-${id}`} className="cv-ann-label">
                      {t(`holiday.${id}` as TKey)}
                    </label>
                    <DatePicker
                      id={`ann-holiday-${id}`}
                      multiple
                      value={(field.value ?? []).map((v) => dayjs(v, 'YYYY-MM-DD'))}
                      onChange={(dates) => field.onChange((dates ?? []).map((x) => x.format('YYYY-MM-DD')))}
                      format={DATE_FORMAT}
                      placeholder={t('calendar.holidayPick')}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                      maxTagCount="responsive"
                      style={{ width: '100%' }}
                    />
                  </div>
                )}
              />
            ))}
          </Section>

          <Section title={t('calendar.compensatory')}>
            {comp.fields.map((row, i) => (
              <div className="cv-ann-row" key={row.id}>
                <DateCell control={control} year={year} name={`compensatoryDays.${i}.date`} label={t('calendar.compDate')} />
                <DateCell control={control} year={year} name={`compensatoryDays.${i}.forDate`} label={t('calendar.compFor')} />
                <RemoveButton n={i + 1} onClick={() => comp.remove(i)} />
              </div>
            ))}
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => comp.append({ date: null, forDate: null })} className="cv-list-add">
              {t('calendar.addComp')}
            </Button>
          </Section>
        </form>
      </Form>
    </Drawer>
  );
}
