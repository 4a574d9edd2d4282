// Ably's error codes and message texts for its limits (https://ably.com/docs/platform/errors/codes/<code>), so a
// client sees on the hub what it would see on Ably.
import { errorInfo } from './protocol.ts';
import type { WireErrorInfo } from './protocol.ts';

export const LimitError = {
  tooManyPresenceMembers: (max: number): WireErrorInfo =>
    errorInfo(91003, 400, `Unable to enter member to presence channel; maximum number of ${max} members exceeded`),
  tooManyChannels: (max: number): WireErrorInfo => errorInfo(90010, 400, `Maximum number of channels per connection (${max}) exceeded`),
  connectionRate: (max: number): WireErrorInfo =>
    errorInfo(42911, 429, `Rate limit exceeded; request rejected (nonfatal); metric = connection.inboundRate; permitted rate = ${max}`),
  channelRate: (channel: string, max: number): WireErrorInfo =>
    errorInfo(42913, 429, `Rate limit exceeded; request rejected (nonfatal); metric = channel.maxRate; permitted rate = ${max}; channel = ${channel}`),
  connectionRateFatal: (max: number): WireErrorInfo =>
    errorInfo(42921, 429, `Connection terminated; per-connection publish Rate limit exceeded; permitted rate = ${max}`),
  protocolRateFatal: (max: number): WireErrorInfo =>
    errorInfo(42924, 429, `Connection terminated for abuse (inbound protocol message rate exceeded ${max}/s)`),
  messageTooLarge: (size: number, max: number): WireErrorInfo =>
    errorInfo(40009, 400, `Maximum size of messages that can be published at once exceeded (was ${size} bytes; limit is ${max} bytes)`),
  dataTooDeep: (max: number): WireErrorInfo => errorInfo(40013, 400, `Invalid message data or encoding; data nests deeper than ${max} levels`),
};
