// The realtime service refusing an operation (Ably 40160, capability denied) is a normal outcome, not a crash: the
// agent's rights on a chat changed between the view's last snapshot and the click (a transfer completed, a claim
// lost, a take-over), and the token the background holds already says so (docs/security.md, "Per-chat capabilities").
// Views show it as the chat core's own `not-permitted` refusal, translated (shared contracts: error codes).
import { AppError } from '../errors.ts';

export const CAPABILITY_DENIED = 40160;

export function isCapabilityDenied(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === CAPABILITY_DENIED;
}

/** Rethrows a 40160 as AppError `not-permitted` ("unable to <action>; …"), anything else as it is. */
export function serviceRefusal(action: string): (error: unknown) => never {
  return (error) => {
    if (isCapabilityDenied(error)) throw new AppError('not-permitted', `unable to ${action}; the service no longer permits it on this chat (40160)`);
    throw error;
  };
}
