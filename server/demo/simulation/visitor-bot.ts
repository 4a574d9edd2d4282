import { createVisitorSession } from '../../../lib/visitor/visitor-session.ts';
import { between, type Random } from './random.ts';
import type { VisitorScript } from './scripts.ts';
import { connectVisitor } from './visitor-client.ts';

/** A simulated website visitor: asks, waits for an agent, answers each reply with the next line. */
export async function startVisitor(origin: string, port: number, script: VisitorScript, random: Random) {
  const { chatId, client } = await connectVisitor(origin, port);
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
