import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/**
 * What an area will show and what to do first. `commands` are shown verbatim (never
 * translated): they are what the user types.
 */
export function EmptyState({
  icon,
  title,
  body,
  commands = [],
  footer,
  testId,
}: {
  icon: IconName;
  title: string;
  body: string;
  commands?: readonly string[];
  footer?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-icon">
        <Icon name={icon} size={22} />
      </div>
      <div className="empty-text">
        <h3 className="empty-title">{title}</h3>
        <p className="empty-body">{body}</p>
        {commands.length > 0 && (
          <div className="empty-commands">
            {commands.map((c) => (
              <code key={c} className="command">
                <span className="prompt" aria-hidden="true">
                  $
                </span>
                {c}
              </code>
            ))}
          </div>
        )}
        {footer}
      </div>
    </div>
  );
}
