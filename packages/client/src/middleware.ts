import type { Client, Middleware } from "openapi-fetch";
import { finalErrors } from "./transport.js";

// The errors `rawClient(client).use()` middleware throws are the middleware's own: the transport passes them on
// as they are (see `finalErrors`).

type Hook = (...args: unknown[]) => unknown;

/** The middleware's hook `name`, called on the middleware itself, its errors marked. */
function marking(middleware: Middleware, name: keyof Middleware): Hook | undefined {
  const hook = middleware[name] as Hook | undefined;
  if (typeof hook !== "function") return undefined;
  return async (...args) => {
    try {
      return await hook.apply(middleware, args);
    } catch (error) {
      if (typeof error === "object" && error !== null) finalErrors.add(error);
      throw error;
    }
  };
}

/** `use` and `eject` of openapi-fetch's client, with every hook's errors marked as the middleware's. */
export function markingUse(base: Client<never>): Pick<Client<never>, "use" | "eject"> {
  const marked = new WeakMap<Middleware, Middleware>();
  const markedOf = (middleware: Middleware) => {
    let wrapped = marked.get(middleware);
    if (!wrapped) {
      wrapped = {
        onRequest: marking(middleware, "onRequest"),
        onResponse: marking(middleware, "onResponse"),
        onError: marking(middleware, "onError"),
      } as Middleware;
      marked.set(middleware, wrapped);
    }
    return wrapped;
  };
  return {
    use: (...middlewares) => base.use(...middlewares.map(markedOf)),
    eject: (...middlewares) => base.eject(...middlewares.map(markedOf)),
  };
}
