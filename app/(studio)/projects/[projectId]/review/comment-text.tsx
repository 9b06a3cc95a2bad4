import { displayText } from '../../../../../lib/names';
import { linkify } from './linkify';

/**
 * A comment's text as plain text: React text nodes, never HTML, without the bidirectional controls
 * that could make it read differently from what was written; http(s) URLs become links that open
 * in a new tab with no access back to this page.
 */
export function CommentText({ text }: { text: string }) {
  return (
    <p className="comment__text">
      {linkify(displayText(text)).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
