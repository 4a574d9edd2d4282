import * as Ably from 'ably';

/**
 * A new chat's visitor client, as the widget connects: a token from /auth/visitor, renewed for the same chat
 * with the previous token (simulated visitors and the scale bench).
 */
export async function connectVisitor(origin: string, port: number): Promise<{ chatId: string; client: Ably.Realtime }> {
  const response = await fetch(`${origin}/auth/visitor`);
  const chatId = response.headers.get('x-baton-chat-id');
  if (!response.ok || !chatId) throw new Error(`unable to start a simulated visitor; the token service answered ${response.status}`);
  let token = await response.text();
  const client = new Ably.Realtime({
    endpoint: '127.0.0.1',
    port,
    tls: false,
    useBinaryProtocol: false,
    logLevel: 0,
    authCallback: (_params, callback) => {
      fetch(`${origin}/auth/visitor`, { headers: { authorization: `Bearer ${token}` } })
        .then(async (renewed) => callback(null, (token = await renewed.text())))
        .catch((error: unknown) => callback(String(error), null));
    },
  });
  return { chatId, client };
}
