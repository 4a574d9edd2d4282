import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppError } from '../errors.ts';
import { CommandSchema } from '../messaging/commands.ts';
import { createDiagnostics } from '../session/diagnostics.ts';
import type { SessionCommandHandler } from '../session/session-commands.ts';
import { readAgentStatus } from '../settings/preferences.ts';
import { AGENT_KEY } from '../settings/session-settings.ts';
import { COMMAND_HANDLERS, createCommandRouter, dispatch, type RouterContext } from './command-router.ts';

function setup() {
  const diagnostics = createDiagnostics();
  diagnostics.record('drop', 'inbox: malformed');
  const ctx = {
    diagnostics,
    runSession: vi.fn(async () => undefined) as unknown as SessionCommandHandler & ReturnType<typeof vi.fn>,
    signIn: vi.fn(async () => {}),
    signOut: vi.fn(async () => {}),
    revealChat: vi.fn(async () => {}),
  } satisfies RouterContext;
  return { ctx, run: createCommandRouter(ctx) };
}

describe('the command router', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.unstubAllGlobals();
  });

  it('has a handler for every command type', () => {
    // Every type the command schema accepts (what a view may send), read from the schema itself.
    const accepted = CommandSchema.options.map((option) => option.entries.type.literal);
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual([...accepted].sort());
    expect(accepted).toContain('watch-colleagues');
  });

  it('hands chat commands to the session, and passes its refusal on', async () => {
    const { ctx, run } = setup();
    await run({ type: 'send', chatId: 'c1', text: 'hi' });
    expect(ctx.runSession).toHaveBeenCalledWith({ type: 'send', chatId: 'c1', text: 'hi' });
    ctx.runSession.mockRejectedValueOnce(new AppError('not-signed-in', 'unable to end-chat; Baton is not connected'));
    await expect(run({ type: 'end-chat', chatId: 'c1' })).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('stores a status before the session announces it, so it survives a session that is not running', async () => {
    const { ctx, run } = setup();
    ctx.runSession.mockRejectedValueOnce(new AppError('not-signed-in', 'unable to set-status'));
    await expect(run({ type: 'set-status', status: 'away' })).rejects.toThrow();
    expect(await readAgentStatus()).toBe('away');
  });

  it('signs in and out, and reveals a chat, through the background', async () => {
    const { ctx, run } = setup();
    await run({ type: 'sign-in', agentId: 'alice' });
    await run({ type: 'sign-out' });
    await run({ type: 'reveal-chat', chatId: 'c1' });
    expect(ctx.signIn).toHaveBeenCalledWith('alice');
    expect(ctx.signOut).toHaveBeenCalledTimes(1);
    expect(ctx.revealChat).toHaveBeenCalledWith('c1');
    expect(ctx.runSession).not.toHaveBeenCalled();
  });

  it('lists the token service\'s agents with who is signed in', async () => {
    await fakeBrowser.storage.local.set({ [AGENT_KEY]: { id: 'alice', name: 'Alice' } });
    const fetchMock = vi.fn(async () => new Response(JSON.stringify([{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }])));
    vi.stubGlobal('fetch', fetchMock);
    const { run } = setup();
    expect(await run({ type: 'list-agents' })).toEqual({ agents: [{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }], signedIn: { id: 'alice', name: 'Alice' } });
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toMatch(/\/auth\/agents$/);
  });

  it('answers the settings with the policy\'s problems, and the diagnostics with the drops', async () => {
    await fakeBrowser.storage.managed.set({ sound: 'loud' });
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Baton', version: '1.2.3' });
    const { ctx } = setup();
    const settings = await dispatch('get-settings', { type: 'get-settings' }, ctx);
    expect(settings.problems.map((problem) => problem.key)).toEqual(['sound']);
    expect(settings.effective.sound.source).toBe('default');
    const exported = await dispatch('export-diagnostics', { type: 'export-diagnostics' }, ctx);
    expect(exported).toMatchObject({ version: '1.2.3', drops: { 'inbox: malformed': 1 }, entries: [expect.objectContaining({ kind: 'drop' })] });
  });
});
