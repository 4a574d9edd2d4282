// `npm run bench:filter`: only the "Transfer to" rows of `npm run bench` (1,000 Present
// colleagues, typed into the real sidebar), to check that one budget in a minute.
import { CHAT_MESSAGES, startCrowdedSession } from './crowded-session.ts';
import { paintedWhen } from './paint-probe.ts';
import { renderTable } from './report.ts';
import { measureTransferFilter } from './transfer-filter.ts';

const crowded = await startCrowdedSession();
try {
  // The full bench reaches "Transfer to" from the open chat that its large-chat part opened.
  await crowded.sidebar.locator(`[data-chat-id="${crowded.visitor.chatId}"]`).click();
  await paintedWhen(crowded.sidebar, '[role="log"] .message', CHAT_MESSAGES);
  console.log(renderTable(await measureTransferFilter(crowded)));
} finally {
  await crowded.close();
}
