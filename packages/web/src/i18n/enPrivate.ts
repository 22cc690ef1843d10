import type { Messages } from './fr.js';

type PrivateMessages = Pick<
  Messages,
  | 'privateRooms'
  | 'createRoom'
  | 'roomMenu'
  | 'memberMenu'
  | 'roles'
  | 'removed'
  | 'invite'
  | 'dm'
  | 'safety'
  | 'risk'
  | 'settings'
  | 'login'
>;

/** English: private rooms (R2, R3), private messages (P1–P4), settings and registered nicknames (E5). */
export const enPrivate: PrivateMessages = {
  privateRooms: {
    title: 'My private rooms',
    create: 'Create a room',
    private: 'Private room',
    menu: 'Manage the room',
  },
  createRoom: {
    title: 'Create a private room',
    intro: 'Only the people you invite can get in.',
    name: 'Room name',
    nameHelp: '2 to 40 characters.',
    topic: 'Topic (optional)',
    voice: 'Voice room (people talk over the microphone)',
    submit: 'Create',
    submitting: 'Creating…',
    cancel: 'Cancel',
  },
  roomMenu: {
    title: 'Manage “{{name}}”',
    links: 'Invite links',
    linksHelp: 'Anyone with a link can get in. Revoke it when it is no longer needed.',
    createLink: 'Create an invite link',
    newLink: 'New link (copy it now: it will not be shown again):',
    copy: 'Copy the link',
    copied: 'Link copied.',
    noLinks: 'No active links.',
    linkItem: 'Link created on {{time}}',
    revoke: 'Revoke',
    invite: 'Invite someone connected',
    inviteHelp: 'From the members of your other rooms.',
    inviteNobody: 'Nobody to invite right now.',
    invitePick: 'Person to invite',
    inviteSend: 'Invite',
    invited: 'Invitation sent to {{name}}.',
    bans: 'Banned from this page',
    unban: 'Lift the ban',
    keep: 'Keep the room even when it is empty',
    keepHelp: 'Otherwise it disappears after a while with nobody in it.',
    close: 'Close',
  },
  memberMenu: {
    open: 'Actions for {{name}}',
    message: 'Private message',
    block: 'Block',
    unblock: 'Unblock',
    inviteTo: 'Invite to “{{room}}”',
    kick: 'Kick from the room',
    mute: 'Mute',
    muteFor: 'Duration',
    minutes: '{{count}} min',
    unmute: 'Unmute',
    ban: 'Ban from the room',
    promote: 'Make moderator',
    demote: 'Remove moderator role',
    transfer: 'Give room ownership',
  },
  roles: {
    owner: 'Owner',
    moderator: 'Moderator',
    member: 'Member',
    muted: 'Muted',
    mutedUntil: 'A moderator muted you in this room until {{time}}.',
  },
  removed: {
    kicked: 'You were kicked from the room “{{name}}”.',
    banned: 'You were banned from the room “{{name}}”.',
    bannedUntil: 'You were banned from the room “{{name}}” until {{time}}.',
    deleted: 'The room “{{name}}” no longer exists.',
  },
  invite: {
    notice: '{{by}} invites you to the private room “{{name}}”.',
    join: 'Join',
    dismiss: 'Dismiss',
  },
  dm: {
    title: 'Messages',
    requests: 'Requests',
    waiting: 'waiting',
    with: 'Conversation with {{name}}',
    close: 'Close the conversation',
    requestFrom: '{{name}} would like to talk with you.',
    accept: 'Accept',
    ignore: 'Ignore',
    block: 'Block',
    requestLeft_one: 'Request pending: {{count}} more message possible before {{name}} accepts.',
    requestLeft_other: 'Request pending: {{count}} more messages possible before {{name}} accepts.',
    requestNone: 'You cannot write again before {{name}} accepts your request.',
    textOnly: 'No links in a request: remove it to send.',
    draft: 'Your first message will be a request: {{name}} can accept it, ignore it or block you.',
    ignored: 'You ignored this request.',
  },
  safety: {
    title: 'Stay safe',
    block:
      'If this person makes you uncomfortable, block them with the “Block” button: they can no longer write to you.',
    private: 'Never share your address, your phone number or other personal details.',
    meet: 'If you decide to meet, do it in a public place and tell someone you trust.',
  },
  risk: {
    title: 'Safety advice',
    announce: 'Safety advice in the conversation with {{name}}',
    intro: 'Some messages in this conversation call for care:',
    signals: {
      meeting: {
        lead: '{{name}} suggests meeting you.',
        public: 'Only meet in a busy public place (a café, a station), preferably during the day.',
        trust: 'Tell someone you trust where, when and who with. Keep your phone charged.',
        car: 'Never get into a stranger’s car, do not go to their home and do not give them your address.',
        leave: 'If the person is not who you expected, or the place changes at the last minute, leave.',
      },
      photo_request: {
        lead: '{{name}} is asking you for photos or a video.',
        refuse: 'You never have to send a photo: you can always say no.',
        kept: 'A picture you send can be kept, shown to others or used to blackmail you.',
        blackmail:
          'If someone threatens to share pictures of you: do not pay, send nothing more, keep the messages and report it.',
      },
      age_gap: {
        lead: 'There is a large age gap between you and {{name}}.',
        care: 'Be wary of someone much older who showers you with compliments or gifts, asks you to keep secrets or to pull away from the people close to you.',
        talk: 'If anything makes you uncomfortable, talk about it with someone you trust.',
      },
      move_platform: {
        lead: '{{name}} suggests continuing somewhere else (another app, a social network, e-mail).',
        stay: 'Here you can block and report at any time; elsewhere, Salon’s moderation team can no longer protect you.',
        hurry: 'Be wary of someone who insists on leaving Salon very quickly.',
      },
      phone_number: {
        lead: '{{name}} is talking about phone numbers.',
        keep: 'Do not give your number to someone you do not know: it lets them reach you anywhere and find you.',
      },
      address_question: {
        lead: '{{name}} is asking where you live or which school you go to.',
        never: 'Never give your address, your exact town, or the name of your school or workplace.',
      },
      age_question: {
        lead: '{{name}} is asking your age or your school year.',
        free: 'You do not have to answer, and someone with good intentions will not insist.',
      },
    },
    general: 'Do not share personal details, and take your time before trusting someone.',
    actions:
      'You can block or report this person at any time: only the moderation team will know the report came from you.',
    block: 'Block {{name}}',
    blocked: 'You blocked {{name}}.',
    dismiss: 'Got it',
  },
  settings: {
    open: 'Settings',
    title: 'Settings',
    close: 'Close',
    loading: 'Loading…',
    blocked: 'Blocked people',
    blockedEmpty: 'You have not blocked anyone.',
    unblock: 'Unblock {{name}}',
    contact: 'Who can send me message requests',
    everyone: 'Everyone',
    nobody: 'Nobody',
    filter: 'By gender and age',
    genders: 'Accepted genders (none ticked: all)',
    minAge: 'Minimum age',
    maxAge: 'Maximum age',
    ageInvalid: 'Enter ages as whole numbers, or leave them empty.',
    ageRange: 'The minimum age must be less than or equal to the maximum age.',
    save: 'Save',
    saved: 'Preferences saved.',
    register: 'Reserve my nickname',
    registerHelp:
      'Choose a password to keep “{{nickname}}”: nobody else will be able to take it. No e-mail address is asked.',
    password: 'Password',
    passwordHelp: '10 to 128 characters.',
    registerSubmit: 'Reserve',
    registered: 'Your nickname “{{nickname}}” is reserved.',
  },
  login: {
    toggle: 'I have a reserved nickname',
    back: 'Enter without a password',
    title: 'Log in with a reserved nickname',
    nickname: 'Nickname',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    useLogin: 'Log in with this nickname',
  },
};
