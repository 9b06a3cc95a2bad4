import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Loading } from './loading';
import { Notice } from './notice';

export interface QueryResultProps<T> {
  query: UseQueryResult<readonly T[]>;
  /** Shown while loading: "Loading tokens…". */
  loading: string;
  errorTitle?: string;
  /** Shown for an empty list; without it an empty list goes to `children` too. */
  empty?: ReactNode;
  children(data: readonly T[]): ReactNode;
}

/** A panel's list from a query: loading, its error, an empty message, or the list itself. */
export function QueryResult<T>({ query, loading, errorTitle, empty, children }: QueryResultProps<T>) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError) {
    return (
      <div className="panel__notice">
        <Notice tone="error" title={errorTitle}>
          {query.error.message}
        </Notice>
      </div>
    );
  }
  if (empty !== undefined && query.data.length === 0) return <p className="empty">{empty}</p>;
  return children(query.data);
}
