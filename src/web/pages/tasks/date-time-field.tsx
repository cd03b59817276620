import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { DATE_FORMAT } from '../../lib/format.ts';

/** Times every half hour, 07:00–21:00 (24-hour). */
export const TIME_OPTIONS = Array.from({ length: 29 }, (_, i) => {
  const minutes = 7 * 60 + i * 30;
  const label = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { value: label, label };
});

interface TaskDateProps {
  id: string;
  /** ISO date "yyyy-MM-dd" or null. */
  value: string | null;
  onChange: (date: string | null) => void;
  onBlur?: () => void;
  status?: 'error';
  /** Days before this ISO date cannot be picked. */
  minDate?: string;
  testId?: string;
}

/** A date typed or picked as dd/MM/yyyy; the value stays an ISO date. */
export function TaskDate({ id, value, onChange, onBlur, status, minDate, testId }: TaskDateProps) {
  const parsed = value ? dayjs(value, 'YYYY-MM-DD', true) : null;
  return (
    <DatePicker
      id={id}
      value={parsed && parsed.isValid() ? parsed : null}
      format={[DATE_FORMAT, 'D/M/YYYY', 'DDMMYYYY']}
      placeholder="dd/mm/yyyy"
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      onBlur={onBlur}
      status={status}
      disabledDate={minDate ? (d) => d.format('YYYY-MM-DD') < minDate : undefined}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

interface DateTimeFieldProps extends TaskDateProps {
  /** "HH:mm". */
  time: string;
  onTime: (time: string) => void;
  timeLabel: string;
}

/**
 * A deadline as a date (dd/MM/yyyy) and a time from a short list — easier on a phone than antd's
 * combined date-time popup, which is wider than the screen.
 */
export function DateTimeField({ time, onTime, timeLabel, ...date }: DateTimeFieldProps) {
  return (
    <div className="cv-datetime">
      <div className="cv-datetime-date">
        <TaskDate {...date} />
      </div>
      <div className="cv-datetime-time">
        <Select
          id={`${date.id}-time`}
          aria-label={timeLabel}
          value={time}
          onChange={onTime}
          options={TIME_OPTIONS}
          status={date.status}
          style={{ width: '100%' }}
          data-testid={date.testId ? `${date.testId}-time` : undefined}
        />
      </div>
    </div>
  );
}
