// How deeply a payload nests, measured without recursion. A message whose data nests thousands of levels deep
// parses fine but overflows the stack later (serialising a replay), which once failed every attach over it.
// ably-js sends object data as a JSON string (encoding "json"), so only raw clients ever send nesting at all.

export const MAX_DATA_DEPTH = 32;

/** True when `value` nests no deeper than `max` arrays/objects. */
export function depthWithin(value: unknown, max: number = MAX_DATA_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() ?? [undefined, 0];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return true;
}
