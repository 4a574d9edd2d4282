import * as v from 'valibot';

// A view's direct lane to Chrome's service worker: a MessagePort between the two, beside the runtime port.
//
// Why: a runtime port message goes through the browser process's extension messaging, on the thread that also runs
// the offer's notification and badge, and was the most variable hop of a transfer (docs/architecture.md, "A direct
// lane between the views and the worker"). Extension pages and the sidebar frame are clients of the extension's own
// service worker, so a view can hand it one end of a MessageChannel, and the two talk without that hop.
//
// The runtime port stays: it is how the worker learns that a view came and went (and how a stopped worker shows),
// and it carries everything until the lane is ready. The handshake, in two halves that may arrive in either order:
//   view → worker's controller: { type: LANE_OFFER, nonce } with the port     (the service worker's `message` event)
//   view → runtime port:        { type: LANE_CLAIM, nonce }                     (ties the lane to this view's port)
//   worker → runtime port:      { type: LANE_READY }, after which it posts to this view's session and answers on the
//                               lane (page context and reveal requests stay on the port; they need no order)
//   view → runtime port:        { type: LANE_SWITCH }, after which the view sends its commands on the lane
// Each side switches with a last message on the port and holds what the lane brings until it has read that message:
// the view its updates until `lane-ready`, the worker its commands until `lane-switch`. A lane skips the browser
// process and may overtake the port, so without the hold a patch, or a command (two quick Sends), could overtake the
// one sent just before it.
// Firefox's background is an event page, not a service worker: a view there has no controller and keeps the port.

/** The `message` a view posts to the service worker, with the lane's port in `ports`. */
export const LANE_OFFER = 'baton:lane-offer';
/** The runtime port message that ties a lane to the view's port. */
export const LANE_CLAIM = 'lane-claim';
/** The worker's answer on the runtime port (a ViewUpdate, lib/messaging/protocol.ts): the lane carries the rest. */
export const LANE_READY = 'lane-ready';
/** The view's last command-side message on the runtime port: its commands come on the lane from here on. */
export const LANE_SWITCH = 'lane-switch';

const NonceSchema = v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/));
const OfferSchema = v.object({ type: v.literal(LANE_OFFER), nonce: NonceSchema });
const ClaimSchema = v.object({ type: v.literal(LANE_CLAIM), nonce: NonceSchema });

/** The nonce of a lane offer, or undefined when `data` is not one. */
export function parseLaneOffer(data: unknown): string | undefined {
  const parsed = v.safeParse(OfferSchema, data);
  return parsed.success ? parsed.output.nonce : undefined;
}

/** The nonce of a lane claim on the runtime port, or undefined when `message` is not one (then it is a command). */
export function parseLaneClaim(message: unknown): string | undefined {
  const parsed = v.safeParse(ClaimSchema, message);
  return parsed.success ? parsed.output.nonce : undefined;
}

const SwitchSchema = v.object({ type: v.literal(LANE_SWITCH) });

/** Whether a runtime port message is the view's `lane-switch`. */
export function isLaneSwitch(message: unknown): boolean {
  return v.is(SwitchSchema, message);
}

/** The view's end of a lane it offered, or undefined where there is no service worker to offer it to. */
export function offerLane(): { nonce: string; port: MessagePort } | undefined {
  const controller = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker?.controller;
  if (!controller || typeof MessageChannel === 'undefined') return undefined;
  const channel = new MessageChannel();
  const nonce = crypto.randomUUID();
  controller.postMessage({ type: LANE_OFFER, nonce }, [channel.port2]);
  return { nonce, port: channel.port1 };
}
