import { describe, expect, it } from 'vitest';
import type { ChatView } from '../chat/view.ts';
import type { TranscriptEntry } from '../chat/fold-support.ts';
import { agentLines, logItems, trackJoins, type Join } from './chat-log.ts';
import { stringsFor } from './widget-strings.ts';

const me = 'visitor:c1';
const names: Record<string, string> = { alice: 'Alice Andersen', bob: 'Bob Berg' };
const nameOf = (id: string) => names[id];
const entry = (id: string, clientId: string, text: string): TranscriptEntry => ({ id, clientId, text, timestamp: 1_000, authorKind: clientId === me ? 'visitor' : 'agent', fromOwner: true, countsAsReply: true });
const view = (owner: string | null, transcript: TranscriptEntry[]) => ({ owner, transcript }) as unknown as ChatView;

describe('trackJoins and logItems', () => {
  it('adds "has joined" where the owner changed: after pick-up and after a transfer, not again for the same owner', () => {
    const hello = entry('m1', me, 'Hello');
    const hi = entry('m2', 'alice', 'Hi');
    let joins: readonly Join[] = [];
    joins = trackJoins(joins, view(null, [hello]), 1);
    expect(joins).toEqual([]);
    joins = trackJoins(joins, view('alice', [hello]), 2);
    joins = trackJoins(joins, view('alice', [hello, hi]), 3);
    joins = trackJoins(joins, view('bob', [hello, hi]), 4);
    expect(joins).toEqual([
      { clientId: 'alice', at: 2, after: 1 },
      { clientId: 'bob', at: 4, after: 2 },
    ]);
    const items = logItems(view('bob', [hello, hi]), joins, me, nameOf, stringsFor('en'));
    expect(items.map((item) => [item.kind, item.author, item.text])).toEqual([
      ['mine', 'You', 'Hello'],
      ['event', '', 'Alice Andersen has joined the chat'],
      ['theirs', 'Alice Andersen', 'Hi'],
      ['event', '', 'Bob Berg has joined the chat'],
    ]);
  });

  it('says "an agent" when names are not shown, in Danish too', () => {
    const items = logItems(view('zed', []), [{ clientId: 'zed', at: 1, after: 0 }], me, () => undefined, stringsFor('da'));
    expect(items.map((item) => item.text)).toEqual(['En repræsentant er kommet ind i chatten']);
  });

  it('counts the agents\u2019 lines for the unread badge', () => {
    expect(agentLines(view('alice', [entry('a', me, 'x'), entry('b', 'alice', 'y'), entry('c', 'bob', 'z')]), me)).toBe(2);
  });
});
