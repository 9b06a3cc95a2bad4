import type { ReactNode } from 'react';

export interface TableProps {
  /** Accessible name of the table. */
  label: string;
  columns: readonly { key: string; label: ReactNode; align?: 'right'; srOnly?: boolean }[];
  children: ReactNode;
}

export function Table({ label, columns, children }: TableProps) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" style={c.align === 'right' ? { textAlign: 'right' } : undefined}>
                {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
