// The incoming-transfer chime: two short rising notes, synthesised (no audio file to
// ship or license), quiet enough for an open-plan office.
export function playChimeOn(context: AudioContext): Promise<void> {
  const start = context.currentTime + 0.02;
  const notes = [
    [880, start],
    [1320, start + 0.16],
  ] as const;
  for (const [frequency, at] of notes) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.18, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, at + 0.3);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.32);
  }
  return new Promise((resolve) => setTimeout(resolve, 500));
}
