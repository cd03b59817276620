import { Form } from 'antd';
import type { ReactNode } from 'react';

interface FormFieldProps {
  label: ReactNode;
  /** The id of the control, so the <label> is tied to it (accessibility). */
  htmlFor?: string;
  /** For groups (radio, checkbox group): the label gets this id; give the group aria-labelledby. */
  labelId?: string;
  error?: string;
  help?: ReactNode;
  required?: boolean;
  children: ReactNode;
  className?: string;
}

/** A labelled form row for react-hook-form controls, laid out by antd (use inside <Form component={false}>). */
export function FormField({ label, htmlFor, labelId, error, help, required, children, className }: FormFieldProps) {
  return (
    <Form.Item
      className={className}
      label={labelId ? <span id={labelId}>{label}</span> : label}
      htmlFor={labelId ? undefined : htmlFor}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error ?? help}
    >
      {children}
    </Form.Item>
  );
}
