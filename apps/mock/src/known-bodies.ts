// The body of a `Request` or `Response` the mock built itself from text or bytes it already held. The other end of
// the shell takes the body from here instead of streaming it out of the web object again: reading a web body is
// asynchronous and costs more than the rest of a small answer. Used only while the object's own body is unread, so
// a handler that reads, replaces or wraps a message gets the usual path.
const bodies = new WeakMap<Request | Response, string | Uint8Array>();

/** `message`, remembered with the body it was built from. */
export function withKnownBody<T extends Request | Response>(message: T, body: string | Uint8Array): T {
  bodies.set(message, body);
  return message;
}

/** The body `message` was built from, while nobody has read it from the message. */
export function knownBody(message: Request | Response): string | Uint8Array | undefined {
  return message.bodyUsed ? undefined : bodies.get(message);
}
