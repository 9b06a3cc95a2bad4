import { Notice } from './notice';

/** The whole page when the session could not be read. */
export function SessionError({ message }: { message: string }) {
  return (
    <div className="page-full">
      <Notice tone="error" title="Could not check your session">
        {message}
      </Notice>
    </div>
  );
}
