import type { ServerResponse } from 'node:http';
import type { Response } from 'botbuilder';

/**
 * botbuilder's `process` writes through an Express/Restify-style response (status, header,
 * send, end); this gives it one over Node's own ServerResponse.
 */
export function botbuilderResponse(res: ServerResponse): Response {
  let statusCode = 200;
  let body: string | undefined;
  let contentType: string | undefined;
  return {
    socket: res.socket,
    status(code: number) {
      statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(payload?: unknown) {
      if (payload === undefined || payload === null) return;
      body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      contentType = typeof payload === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    },
    end() {
      if (res.headersSent) return;
      res.writeHead(statusCode, body === undefined ? {} : { 'content-type': contentType!, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
}
