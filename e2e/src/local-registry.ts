import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Where verdaccio keeps the published tarballs. */
  storage: string;
  /** A token of the registry's one user, allowed to publish. */
  token: string;
  /** Everything verdaccio logged (one line per request). */
  log(): string;
  stop(): Promise<void>;
}

const serverScript = fileURLToPath(new URL("registry-server.mjs", import.meta.url));

/**
 * Starts verdaccio on 127.0.0.1 with no uplinks: it serves only what is published to it, and publishing needs
 * the token of a user created here. Its storage and config live in `dir`.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const storage = join(dir, "storage");
  await mkdir(storage, { recursive: true });
  const config = join(dir, "config.yaml");
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      "auth:",
      `  htpasswd: { file: ${JSON.stringify(join(dir, "htpasswd"))}, max_users: 1 }`,
      "uplinks: {}",
      "packages:",
      "  '**': { access: $all, publish: $authenticated, unpublish: $authenticated }",
      "log: { type: stdout, format: pretty, level: http }",
      "",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [serverScript, config], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  try {
    const port = await listeningPort(child, () => output);
    const url = `http://127.0.0.1:${port}/`;
    const token = await createUser(url);
    return { url, storage, token, log: () => output, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

async function listeningPort(child: ChildProcess, output: () => string): Promise<number> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const port = /\{"port":(\d+)\}/.exec(output())?.[1];
    if (port) return Number(port);
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verdaccio did not start:\n${output()}`);
}

// What `npm adduser` does: the answer carries the token for publishing.
async function createUser(url: string): Promise<string> {
  const response = await fetch(new URL("-/user/org.couchdb.user:e2e", url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "e2e", password: "e2e-local-only" }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`verdaccio refused to create the user: ${response.status}`);
  return body.token;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await once(child, "exit");
  clearTimeout(timer);
}
