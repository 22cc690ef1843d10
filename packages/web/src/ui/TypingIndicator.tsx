import { useTranslation } from 'react-i18next';
import type { TypingUser } from '../chat/roomState.js';

/** R6: "X is typing…". Always in the page so its space does not jump. */
export function TypingIndicator({ typing }: { typing: readonly TypingUser[] }) {
  const { t } = useTranslation();
  const [first, second] = typing;
  let text = '';
  if (typing.length > 2) text = t('typing.many');
  else if (first && second) text = t('typing.two', { first: first.nickname, second: second.nickname });
  else if (first) text = t('typing.one', { name: first.nickname });
  return (
    <p className="typing-indicator" data-testid="typing-indicator">
      {text}
    </p>
  );
}
