import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { DATE_FORMAT } from '../lib/format.ts';

interface DateFieldProps {
  id: string;
  /** ISO date "yyyy-MM-dd" or null. */
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  placeholder?: string;
  status?: 'error';
  disabledFuture?: boolean;
  /** Years before today that the calendar opens on when empty (e.g. 35 for a birth date). */
  openYearsAgo?: number;
}

/** A date typed or picked as dd/MM/yyyy; the form value stays an ISO date string. */
export function DateField({ id, value, onChange, onBlur, placeholder, status, disabledFuture, openYearsAgo }: DateFieldProps) {
  const parsed = value ? dayjs(value, 'YYYY-MM-DD', true) : null;
  return (
    <DatePicker
      id={id}
      value={parsed && parsed.isValid() ? parsed : null}
      format={[DATE_FORMAT, 'D/M/YYYY', 'DDMMYYYY']}
      placeholder={placeholder ?? 'dd/mm/yyyy'}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      onBlur={onBlur}
      status={status}
      disabledDate={disabledFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined}
      defaultPickerValue={openYearsAgo ? dayjs().subtract(openYearsAgo, 'year').startOf('year') : undefined}
      style={{ width: '100%' }}
    />
  );
}
