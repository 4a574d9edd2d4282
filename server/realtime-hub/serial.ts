// Channel serials: a per-channel sequence number, fixed width so they also sort as strings. They are opaque to
// clients (RTL15b) and survive hub restarts because the sequence is recovered from the durable log.

const WIDTH = 14;

export function formatSerial(seq: number): string {
  return seq.toString(36).padStart(WIDTH, '0');
}

/** Returns the sequence number, or undefined for a serial this hub did not issue. */
export function parseSerial(serial: string | undefined | null): number | undefined {
  if (typeof serial !== 'string' || serial.length !== WIDTH || !/^[0-9a-z]+$/.test(serial)) return undefined;
  const seq = parseInt(serial, 36);
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
}
