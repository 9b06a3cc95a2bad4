'use client';

import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'size'> {
  options: readonly SelectOption<V>[];
  value: V;
  onChange: (value: V) => void;
  /** @default 'md' */
  size?: 'sm' | 'md';
  invalid?: boolean;
}

/** A bare select; give it a label with `id` + `<label htmlFor>` or use SelectField. */
export function Select<V extends string>({ options, value, onChange, size = 'md', invalid, className, ...rest }: SelectProps<V>) {
  return (
    <select
      {...rest}
      value={value}
      onChange={(e) => onChange(e.target.value as V)}
      aria-invalid={invalid || undefined}
      className={['select', size === 'sm' && 'select--sm', className].filter(Boolean).join(' ')}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export interface SelectFieldProps<V extends string> extends Omit<SelectProps<V>, 'id'> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  grow?: boolean;
}

export function SelectField<V extends string>({ label, error, hint, grow, ...select }: SelectFieldProps<V>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', grow && 'field--grow'].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <Select {...select} id={id} invalid={Boolean(error)} aria-describedby={describedBy} />
      {hint && !error && (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field__error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
