// The widget's words, English and Danish (widget-settings.ts pickLanguage chooses). Danish terms follow the product's label
// table (shared/design/product.md): an agent is a "repræsentant", "End chat" is "Afslut chat".

export interface WidgetStrings {
  readonly lang: 'en' | 'da';
  readonly openChat: string;
  readonly closeChat: string;
  readonly intro: string;
  readonly nameLabel: string;
  readonly emailLabel: string;
  readonly topicLabel: string;
  readonly topicPlaceholder: string;
  readonly topics: readonly string[];
  readonly startChat: string;
  readonly nameRequired: string;
  readonly emailInvalid: string;
  readonly topicRequired: string;
  readonly connecting: string;
  readonly waiting: string;
  readonly chattingWith: (name: string) => string;
  readonly transferringTo: (name: string) => string;
  readonly ended: string;
  readonly startNew: string;
  readonly conversation: string;
  readonly messageLabel: string;
  readonly send: string;
  readonly endChat: string;
  readonly typing: (name: string) => string;
  readonly you: string;
  readonly anAgent: string;
  readonly reconnecting: string;
  readonly sendFailed: string;
  readonly unableToStart: string;
  readonly joined: (name: string) => string;
  readonly away: string;
  readonly unread: (count: number) => string;
  readonly chatWindow: (brand: string) => string;
}

const en: WidgetStrings = {
  lang: 'en',
  openChat: 'Chat with us',
  closeChat: 'Minimise chat',
  intro: 'Tell us who you are and what it is about; an agent usually answers within a couple of minutes.',
  nameLabel: 'Your name',
  emailLabel: 'Email',
  topicLabel: 'Topic',
  topicPlaceholder: 'Choose a topic…',
  topics: ['General question', 'Technical problem', 'Billing', 'Something else'],
  startChat: 'Start chat',
  nameRequired: 'Please enter your name.',
  emailInvalid: 'Please enter a valid email address, e.g. name@example.com.',
  topicRequired: 'Please choose a topic.',
  connecting: 'Connecting…',
  waiting: 'Waiting for an agent…',
  chattingWith: (name) => `You are chatting with ${name}`,
  transferringTo: (name) => `You are being transferred to ${name}…`,
  ended: 'The chat has ended. Thank you for contacting us.',
  startNew: 'Start a new chat',
  conversation: 'Conversation',
  messageLabel: 'Message',
  send: 'Send',
  endChat: 'End chat',
  typing: (name) => `${name} is typing…`,
  you: 'You',
  anAgent: 'an agent',
  reconnecting: 'Connection lost; reconnecting…',
  sendFailed: 'Your message could not be sent. Please try again.',
  unableToStart: 'We could not start the chat. Please try again in a moment.',
  joined: (name) => `${name} has joined the chat`,
  away: 'No agent is available right now. Leave your question here and stay on the page, or come back later: we answer as soon as someone is in.',
  unread: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  chatWindow: (brand) => `${brand} chat`,
};

const da: WidgetStrings = {
  lang: 'da',
  openChat: 'Chat med os',
  closeChat: 'Minimér chat',
  intro: 'Fortæl os, hvem du er, og hvad det drejer sig om; en repræsentant svarer som regel inden for et par minutter.',
  nameLabel: 'Dit navn',
  emailLabel: 'E-mail',
  topicLabel: 'Emne',
  topicPlaceholder: 'Vælg et emne…',
  topics: ['Generelt spørgsmål', 'Teknisk problem', 'Fakturering', 'Andet'],
  startChat: 'Start chat',
  nameRequired: 'Skriv dit navn.',
  emailInvalid: 'Skriv en gyldig e-mailadresse, f.eks. navn@eksempel.dk.',
  topicRequired: 'Vælg et emne.',
  connecting: 'Forbinder…',
  waiting: 'Venter på en repræsentant…',
  chattingWith: (name) => `Du chatter med ${name}`,
  transferringTo: (name) => `Du bliver overført til ${name}…`,
  ended: 'Chatten er afsluttet. Tak fordi du kontaktede os.',
  startNew: 'Start en ny chat',
  conversation: 'Samtale',
  messageLabel: 'Besked',
  send: 'Send',
  endChat: 'Afslut chat',
  typing: (name) => `${name} skriver…`,
  you: 'Dig',
  anAgent: 'en repræsentant',
  reconnecting: 'Forbindelsen blev afbrudt; forbinder igen…',
  sendFailed: 'Beskeden kunne ikke sendes. Prøv igen.',
  unableToStart: 'Vi kunne ikke starte chatten. Prøv igen om lidt.',
  joined: (name) => `${name} er kommet ind i chatten`,
  away: 'Der er ingen repræsentant ledig lige nu. Skriv dit spørgsmål her og bliv på siden, eller kom tilbage senere: vi svarer, så snart nogen er der.',
  unread: (count) => (count === 1 ? '1 ulæst besked' : `${count} ulæste beskeder`),
  chatWindow: (brand) => `${brand} chat`,
};

/** Danish for `da`, `da-DK`…; English for everything else. */
export function stringsFor(language: string | undefined): WidgetStrings {
  return language?.toLowerCase().startsWith('da') ? da : en;
}
