import * as Ably from 'ably';
import { createVisitorSession } from '../../../lib/visitor/visitor-session.ts';
import { between, type Random } from './random.ts';
import type { VisitorScript } from './scripts.ts';

/** A simulated website visitor: asks, waits for an agent, answers each reply with the next line. */
export async function startVisitor(origin: string, port: number, script: VisitorScript, random: Random) {
  const response = await fetch(`${origin}/auth/visitor`);
  const chatId = response.headers.get('x-baton-chat-id');
  if (!response.ok || !chatId) throw new Error('unable to start a simulated visitor; the token service refused');
  let token = await response.text();
  const client = new Ably.Realtime({
    endpoint: '127.0.0.1',
    port,
    tls: false,
    useBinaryProtocol: false,
    authCallback: (_params, callback) => {
      fetch(`${origin}/auth/visitor`, { headers: { authorization: `Bearer ${token}` } })
        .then(async (renewed) => callback(null, (token = await renewed.text())))
        .catch((error: unknown) => callback(String(error), null));
    },
  });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let next = 0;
  let answeredUpTo = 0;
  const session = createVisitorSession({
    client,
    chatId,
    visitorName: script.name,
    topic: script.topic,
    onChange: (view) => {
      const agentLines = view.transcript.filter((entry) => entry.authorKind === 'agent').length;
      if (agentLines <= answeredUpTo || next >= script.followUps.length) return;
      answeredUpTo = agentLines;
      const line = script.followUps[next++];
      if (!line) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void session.typing(true).then(() => session.send(line)).catch(() => {});
      }, between(random, 2000, 5000));
      timers.add(timer);
    },
  });
  await session.start();
  await session.send(script.opening);
  return {
    chatId,
    stop() {
      for (const timer of timers) clearTimeout(timer);
      session.close();
      client.close();
    },
  };
}
