import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '@salon/protocol';
import { splitText } from '../chat/textParts.js';
import { useOpenLink } from './linkContext.js';

interface Props {
  text: string;
  /** The viewer's nickname, to highlight mentions of them. */
  myNickname?: string;
}

/**
 * R5: a message's text as React text nodes (never HTML). Links are buttons that open the
 * "you are leaving Salon" notice; mentions are highlighted.
 */
export function MessageText({ text, myNickname }: Props) {
  const { t } = useTranslation();
  const openLink = useOpenLink();
  const parts = useMemo(() => splitText(text), [text]);
  const mine = myNickname?.toLocaleLowerCase();
  return (
    <>
      {parts.map((part, i) => {
        switch (part.kind) {
          case 'text':
            return <Fragment key={i}>{part.text}</Fragment>;
          case 'link':
            return (
              <button
                key={i}
                type="button"
                className="link-button"
                title={t('message.openLink', { url: part.url })}
                onClick={() => openLink(part.url)}
              >
                {part.text}
              </button>
            );
          case 'mention':
            return (
              <span
                key={i}
                className={part.nickname.toLocaleLowerCase() === mine ? 'mention mention-me' : 'mention'}
              >
                {part.text}
              </span>
            );
          default:
            return assertNever(part, 'text part');
        }
      })}
    </>
  );
}
