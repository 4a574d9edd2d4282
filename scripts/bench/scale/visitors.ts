import { createVisitorSession } from '../../../lib/visitor/visitor-session.ts';
import { connectVisitor } from '../../../server/demo/simulation/visitor-client.ts';

/** A website visitor with the real visitor session, as the widget runs it. */
export async function startBenchVisitor(origin: string, port: number, name: string) {
  const { chatId, client } = await connectVisitor(origin, port);
  const session = createVisitorSession({ client, chatId, visitorName: name, topic: 'Order question' });
  await session.start();
  return {
    chatId,
    session,
    close() {
      session.close();
      client.close();
    },
  };
}

export type BenchVisitor = Awaited<ReturnType<typeof startBenchVisitor>>;
