/**
 * Thrown by a handler to have the HTTP server drop the connection without an answer (`Prefer: fault=reset`).
 * In-process (`createSandbox().fetch`) it reaches the caller as the error a dropped connection gives `fetch`.
 */
export class ConnectionReset extends TypeError {
  override name = "ConnectionReset";
  constructor() {
    super("fetch failed: the mock dropped the connection (a fault asked for with Prefer: fault=reset)");
  }
}
