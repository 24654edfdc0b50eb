// Starts a server script (customers-server.mjs, mock-server.mjs) as a child process, so the server and the
// code measuring it each get one of the machine's cores. The script sends `{ url }` once it listens and
// exits when the parent disconnects.
import { fork } from "node:child_process";

/**
 * @param {URL} script
 * @param {string[]} [args] the script's arguments
 * @param {Record<string, string>} [env] variables added to the child's environment
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startChildServer(script, args = [], env = {}) {
  const child = fork(script, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...env } });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = await new Promise((resolve, reject) => {
    child.once("message", (/** @type {{ url: string }} */ message) => resolve(message.url));
    child.once("exit", (code) => reject(new Error(`${script.pathname} exited with ${code} before listening`)));
  });
  return {
    url,
    stop: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

/**
 * Runs `use` against a child server and stops the server afterwards, whatever happens.
 * @template T
 * @param {URL} script
 * @param {(url: string) => Promise<T>} use
 */
export async function withChildServer(script, use) {
  const server = await startChildServer(script);
  try {
    return await use(server.url);
  } finally {
    await server.stop();
  }
}
