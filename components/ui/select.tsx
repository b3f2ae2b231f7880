import type { SelectHTMLAttributes } from 'react';
import { controlClass } from './field';

export type SelectOption = { value: string; label: string; disabled?: boolean };

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  options: readonly SelectOption[];
  placeholder?: string;
  invalid?: boolean;
};

export function Select({ options, placeholder, invalid, className, id, ...rest }: SelectProps) {
  return (
    <select
      id={id}
      className={controlClass(invalid, `pr-2 ${className ?? ''}`)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && id ? `${id}-error` : undefined}
      {...rest}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
