import type { FormEvent, FormHTMLAttributes, ReactNode } from 'react';

export interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * A form that validates itself (noValidate: our field errors, not the browser's bubbles) and submits
 * on Enter through its submit button.
 */
export function Form({ onSubmit, children, className, ...rest }: FormProps) {
  return (
    <form
      {...rest}
      noValidate
      className={['form', className].filter(Boolean).join(' ')}
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
