// Names and topics come from other people's presence data and are shown inside Baton's
// own sentences ("Mallory is typing…", "Waiting for Bob"). A right-to-left override
// (U+202E) or an unclosed embedding/isolate in such a name would run on into the rest
// of the sentence and reverse it, so these controls are removed from one-line display
// text. Chat messages keep every character: each is shown in a block of its own, where
// an override ends with the line.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
