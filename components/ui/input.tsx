import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { controlClass } from './field';

type InputProps = InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean };

export function Input({ invalid, className, id, ...rest }: InputProps) {
  return (
    <input
      id={id}
      className={controlClass(invalid, className)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && id ? `${id}-error` : undefined}
      {...rest}
    />
  );
}

export function Textarea({
  invalid,
  className,
  id,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return (
    <textarea
      id={id}
      className={controlClass(invalid, `h-auto min-h-20 py-2 ${className ?? ''}`)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid && id ? `${id}-error` : undefined}
      {...rest}
    />
  );
}
