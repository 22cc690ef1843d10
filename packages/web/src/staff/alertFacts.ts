import type { TFunction } from 'i18next';
import { ALERT_KINDS } from '@salon/protocol';
import type { Alert } from '@salon/protocol';
import { explainedSignals } from '../moderation/riskSignals.js';

export type AlertKind = (typeof ALERT_KINDS)[number];

/** One fact of an alert, in words: a label and its value (several values read as a list). */
export interface AlertFact {
  key: string;
  label: string;
  value: string | string[];
}

export function knownKind(kind: string): AlertKind | null {
  return (ALERT_KINDS as readonly string[]).includes(kind) ? (kind as AlertKind) : null;
}

/** A detail as text: strings as they are, numbers written out; anything else is left out. */
function textOf(details: Alert['details'], key: string): string | null {
  const value = details[key];
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function listOf(details: Alert['details'], key: string): string[] {
  const value = details[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The alert's title, by kind; a kind this page does not know gets a generic one. */
export function alertTitle(t: TFunction, kind: string): string {
  const known = knownKind(kind);
  return known === null ? t('staff.alerts.kinds.other') : t(`staff.alerts.kinds.${known}`);
}

/** The person concerned: their nickname, or their account id when the nickname is gone. */
export function alertUser(t: TFunction, user: Alert['user']): string {
  return user.nickname.trim() === '' ? t('staff.alerts.unknownUser', { id: user.userId }) : user.nickname;
}

/** Where a message is: "Message no. 12 in general", or the room alone without its number. */
function messageIn(t: TFunction, room: string | null, seq: string | null): string | null {
  if (room === null) return null;
  return seq === null ? t('staff.target.room', { room }) : t('staff.target.message', { seq, room });
}

function hashMatchFacts(t: TFunction, details: Alert['details']): AlertFact[] {
  const facts: AlertFact[] = [];
  const match = textOf(details, 'match');
  const distance = textOf(details, 'distance');
  if (match !== null) {
    let value: string;
    if (match === 'md5' || match === 'sha256') value = t(`staff.alerts.hashMatch.${match}`);
    else if (match === 'pdq')
      value =
        distance === null
          ? t('staff.alerts.hashMatch.pdq')
          : t('staff.alerts.hashMatch.pdqDistance', { distance });
    else value = t('staff.alerts.hashMatch.otherMatch', { match });
    facts.push({ key: 'match', label: t('staff.alerts.hashMatch.matchLabel'), value });
  }
  const room = textOf(details, 'roomId');
  if (room !== null)
    facts.push({
      key: 'room',
      label: t('staff.alerts.hashMatch.roomLabel'),
      value: t('staff.target.room', { room }),
    });
  const media = textOf(details, 'mediaId');
  if (media !== null)
    facts.push({ key: 'media', label: t('staff.alerts.hashMatch.mediaLabel'), value: media });
  return facts;
}

function banEvasionFacts(t: TFunction, details: Alert['details']): AlertFact[] {
  const facts: AlertFact[] = [];
  const via = textOf(details, 'via');
  if (via !== null)
    facts.push({
      key: 'via',
      label: t('staff.alerts.banEvasion.viaLabel'),
      value:
        via === 'device' || via === 'address'
          ? t(`staff.alerts.banEvasion.${via}`)
          : t('staff.alerts.banEvasion.otherVia', { via }),
    });
  const statement = textOf(details, 'statementId');
  if (statement !== null)
    facts.push({
      key: 'statement',
      label: t('staff.alerts.banEvasion.statementLabel'),
      value: t('staff.alerts.banEvasion.statement', { id: statement }),
    });
  return facts;
}

function wordFlagFacts(t: TFunction, details: Alert['details']): AlertFact[] {
  const facts: AlertFact[] = [];
  const word = textOf(details, 'word');
  if (word !== null)
    facts.push({
      key: 'word',
      label: t('staff.alerts.wordFlag.wordLabel'),
      value: t('staff.alerts.wordFlag.word', { word }),
    });
  const message = messageIn(t, textOf(details, 'roomId'), textOf(details, 'seq'));
  if (message !== null)
    facts.push({ key: 'message', label: t('staff.alerts.wordFlag.messageLabel'), value: message });
  return facts;
}

function riskSignalFacts(t: TFunction, details: Alert['details']): AlertFact[] {
  const facts: AlertFact[] = [];
  const signals = listOf(details, 'signals');
  // The signals the chat explains, most pressing first, then any this page does not know.
  const explained = explainedSignals(signals);
  const others = signals.filter((s) => !(explained as string[]).includes(s));
  const labels = [
    ...explained.map((signal) => t(`staff.alerts.signals.${signal}`)),
    ...others.map((name) => t('staff.alerts.riskSignal.otherSignal', { name })),
  ];
  if (labels.length > 0)
    facts.push({ key: 'signals', label: t('staff.alerts.riskSignal.signalsLabel'), value: labels });
  const conversation = textOf(details, 'conversationId');
  const seq = textOf(details, 'seq');
  if (conversation !== null)
    facts.push({
      key: 'message',
      label: t('staff.alerts.riskSignal.messageLabel'),
      value:
        seq === null
          ? t('staff.alerts.riskSignal.conversation', { conversation })
          : t('staff.alerts.riskSignal.message', { seq, conversation }),
    });
  return facts;
}

/** For a kind this page does not know: each plain detail as "name: value", nothing nested. */
function otherFacts(details: Alert['details']): AlertFact[] {
  const facts: AlertFact[] = [];
  for (const key of Object.keys(details)) {
    const text = textOf(details, key);
    const list = listOf(details, key);
    if (text !== null) facts.push({ key, label: key, value: text });
    else if (typeof details[key] === 'boolean') facts.push({ key, label: key, value: String(details[key]) });
    else if (list.length > 0) facts.push({ key, label: key, value: list });
  }
  return facts;
}

/** S1, T4, T6, T7: what an alert says, as labelled facts in plain words. */
export function alertFacts(t: TFunction, alert: Alert): AlertFact[] {
  const kind = knownKind(alert.kind);
  switch (kind) {
    case 'hash_match':
      return hashMatchFacts(t, alert.details);
    case 'ban_evasion':
      return banEvasionFacts(t, alert.details);
    case 'word_flag':
      return wordFlagFacts(t, alert.details);
    case 'risk_signal':
      return riskSignalFacts(t, alert.details);
    default:
      return otherFacts(alert.details);
  }
}

/** What happened already, in a sentence (a suspension, a refused entry…); null for other kinds. */
export function alertNote(t: TFunction, kind: string): string | null {
  const known = knownKind(kind);
  return known === null ? null : t(`staff.alerts.notes.${known}`);
}
