import * as Ably from 'ably';
import { createVisitorSession } from '../../../lib/visitor/visitor-session.ts';
import { E2E_PORT } from './environment.ts';

/** A visitor on the customer's website, played by the test: real token, real ably-js, the widget's protocol. */
export async function startScriptedVisitor(visitorName: string, topic: string) {
  const response = await fetch(`http://127.0.0.1:${E2E_PORT}/auth/visitor`);
  if (!response.ok) throw new Error(`unable to get a visitor token; ${response.status}`);
  const chatId = response.headers.get('x-baton-chat-id');
  if (!chatId) throw new Error('unable to get a visitor token; no chat id');
  const client = new Ably.Realtime({ endpoint: '127.0.0.1', port: E2E_PORT, tls: false, useBinaryProtocol: false, token: await response.text() });
  const session = createVisitorSession({ client, chatId, visitorName, topic });
  await session.start();
  return {
    chatId,
    ...session,
    close() {
      session.close();
      client.close();
    },
  };
}
