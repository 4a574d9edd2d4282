import * as Ably from 'ably';
import { createVisitorSession } from '../../../lib/visitor/visitor-session.ts';
import { E2E_PORT } from './environment.ts';

/** A visitor on the customer's website, played by the test: real token, real ably-js, the widget's protocol. */
export async function startScriptedVisitor(visitorName: string, topic: string, hubPort = E2E_PORT, email?: string) {
  const response = await fetch(`http://127.0.0.1:${hubPort}/auth/visitor`);
  if (!response.ok) throw new Error(`unable to get a visitor token; ${response.status}`);
  const chatId = response.headers.get('x-baton-chat-id');
  if (!chatId) throw new Error('unable to get a visitor token; no chat id');
  let token = await response.text();
  // Renews like the website widget does: the previous visitor token proves it is the same chat.
  const client = new Ably.Realtime({
    endpoint: '127.0.0.1',
    port: hubPort,
    tls: false,
    useBinaryProtocol: false,
    authCallback: (_params, callback) => {
      fetch(`http://127.0.0.1:${hubPort}/auth/visitor`, { headers: { authorization: `Bearer ${token}` } })
        .then(async (renewed) => {
          token = await renewed.text();
          callback(null, token);
        })
        .catch((error: unknown) => callback(String(error), null));
    },
  });
  // The email, as typed in the pre-chat form, is what the agents' CRM suggestions start from.
  const session = createVisitorSession({ client, chatId, visitorName, topic, ...(email ? { email } : {}) });
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
