// The chat and transfer core's public surface (see docs/chat-core.md). Pure: no Ably, no browser APIs, no clock.
export { parseChatEvent, isChatEventName } from './parse-chat-event.ts';
export { parseInboxEvent, chatsFromInbox } from './parse-inbox-event.ts';
export type { WireMessage } from './parse-support.ts';
export { parseUserClaim, formatUserClaim, principal } from './roles.ts';
export type { Principal, Roles } from './roles.ts';
export type * from './events.ts';
export { describeDrop, describeRejection } from './reasons.ts';
export type { DropReason, Dropped, Rejection } from './reasons.ts';
export { comparePositions, compareIds } from './canonical-order.ts';
export { createChat, foldEvent, foldEvents, logOf, eventsOf, transcriptOf } from './fold.ts';
export type { ChatState, LogEntry } from './fold.ts';
export type { TranscriptEntry, TypingMark } from './fold-support.ts';
export { EMPTY_REGISTER, isTerminal } from './register.ts';
export type { Register, Offer, OfferStatus, TerminalStatus, OwnershipChange, Claim } from './register.ts';
export { applyEvent } from './transitions.ts';
export type { Outcome, Step } from './transitions.ts';
export { viewFor, unreadCount } from './view.ts';
export type { ChatView, MyRole, Highlight, PendingOfferView, ViewOptions } from './view.ts';
export { arbitrate, decideAssignment, decideCompletion, decideExpiry } from './arbiter.ts';
export type { ArbiterDecision } from './arbiter.ts';
export {
  planClaim,
  planMessage,
  planTyping,
  planOffer,
  planAccept,
  planReject,
  planCancel,
  planTakeover,
  planEnd,
  planLinkContact,
  planCreateRequest,
} from './commands.ts';
export type { Plan, OfferInput } from './commands.ts';
export { chatChannel, inboxChannel, toPublish } from './publish.ts';
export type { Publish } from './publish.ts';
export { controlId, messageId } from './control-ids.ts';
export { LIMITS, TYPING_TTL_MS, RECEIVER_EXPIRY_DELAY_MS } from './limits.ts';
export { syntheticChat, deliveryOrder, timeIncrementalFold } from './fold-timing.ts';
export type { FoldTiming } from './fold-timing.ts';
