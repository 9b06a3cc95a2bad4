import { COMMENT_MAX_CHARS } from '../../../../../lib/comment-rules';

/** A comment's text box: focused when it opens; Ctrl+Enter (Cmd+Enter on a Mac) sends. */
export function CommentTextarea({
  value,
  onChange,
  onSubmit,
  rows,
  className = 'input',
  ...rest
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  rows: number;
  className?: string;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
}) {
  return (
    <textarea
      {...rest}
      className={className}
      rows={rows}
      maxLength={COMMENT_MAX_CHARS}
      value={value}
      autoFocus
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSubmit();
        }
      }}
    />
  );
}
