// What simulated visitors say. Plausible support conversations for a Nordic B2B
// software vendor; fictional people and no real company names.
export interface VisitorScript {
  name: string;
  topic: string;
  opening: string;
  followUps: readonly string[];
}

export const VISITOR_SCRIPTS: readonly VisitorScript[] = [
  {
    name: 'Ingrid Solberg',
    topic: 'Invoice',
    opening: 'Hi! Our last invoice has two lines for the same licence. Can you check it?',
    followUps: ['It is invoice 2026-1187.', 'We only have 12 users, not 24.', 'Thanks, that would be great.'],
  },
  {
    name: 'Mads Kjær',
    topic: 'Login problem',
    opening: 'Hello, I cannot log in since this morning. It says my password has expired.',
    followUps: ['I tried the reset link but the mail never arrives.', 'My address is mads.kjaer@fjordline.example.', 'Got it, thank you!'],
  },
  {
    name: 'Aino Virtanen',
    topic: 'Upgrade',
    opening: 'We would like to move from the Standard to the Professional plan. What does it involve?',
    followUps: ['Do we keep our custom fields?', 'And the price per user?', 'Perfect, please send me an offer.'],
  },
  {
    name: 'Jonas Berglund',
    topic: 'Integration',
    opening: 'Our webhook to the ERP stopped firing yesterday. Did something change?',
    followUps: ['We get a 401 in the logs.', 'The token was created last year.', 'OK, we will rotate it.'],
  },
  {
    name: 'Sofie Dahl',
    topic: 'Export',
    opening: 'How can I export all contacts with their last activity date?',
    followUps: ['Ideally as Excel.', 'Can it be scheduled every Monday?', 'Great, thanks for the help.'],
  },
];

export const AGENT_REPLIES: readonly string[] = [
  'Thanks for reaching out! Let me look into that for you.',
  'I understand. Give me a moment to check.',
  'Good question, I will find out.',
  'I have checked it now, and I can help you with that.',
];
