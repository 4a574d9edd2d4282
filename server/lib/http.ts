// Small HTTP helpers shared by the hub's REST surface and the token service.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface WireError {
  message: string;
  code: number;
  statusCode: number;
  href?: string;
}

/** Reads a request body up to `limit` bytes; resolves undefined when it is larger (caller answers 413). */
export function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/**
 * Ably-shaped error response. ably-js' fetch transport only treats a response as an Ably error (and so sees
 * codes like 40142 that trigger token renewal, RSC10) when the x-ably-errorcode header is present (fetchrequest.ts).
 */
export function sendAblyError(res: ServerResponse, error: WireError, headers: Record<string, string> = {}): void {
  sendJson(res, error.statusCode, { error }, {
    'x-ably-errorcode': String(error.code),
    'x-ably-errormessage': error.message.slice(0, 200),
    ...headers,
  });
}

/** Parses `application/json` or form-encoded bodies into a flat record of strings; anything else → {}. */
export function parseFormOrJson(body: string, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
