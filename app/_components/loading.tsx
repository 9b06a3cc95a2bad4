export function Loading({ label = 'Loading…', center = false }: { label?: string; center?: boolean }) {
  return (
    <div className={['loading', center && 'loading--center'].filter(Boolean).join(' ')} role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
