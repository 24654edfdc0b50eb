// Runs the built `payment-customers-mock` bin as a child process, the way a user runs it.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { afterAll } from "vitest";

export const binFile = new URL("../bin/payment-customers-mock.js", import.meta.url).pathname;

// Every bin a test started and did not stop: killed when the test file ends, also when a test failed or timed out
// before its own `stop()`, so no mock outlives the run. The exit handler covers a worker that ends mid-file; it is
// this file's, and goes with it (the next file in the worker imports this module afresh).
const running = new Set<ChildProcess>();
const killRunning = () => {
  for (const child of running) child.kill("SIGKILL");
};
process.once("exit", killRunning);
afterAll(() => {
  killRunning();
  process.off("exit", killRunning);
});

export interface RunningBin {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends the signal (SIGTERM by default) and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts a bin (ours by default) and resolves once it printed its base URL. */
export async function runBin(args: string[], command: string[] = [process.execPath, binFile]): Promise<RunningBin> {
  const [file = "", ...prefix] = command;
  const child = spawn(file, [...prefix, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", check);
    void exited.then((code) => reject(new Error(`the bin exited with ${code} before listening:\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      child.kill(signal);
      return exited;
    },
  };
}

/** Runs a bin that is expected to exit on its own; resolves with its exit code and output. */
export async function runBinToExit(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [binFile, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  const [code] = await once(child, "exit");
  return { code: code as number | null, output };
}

/** True when nothing listens on the port any more: we can listen on it ourselves. */
export async function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, resolve);
    });
    return true;
  } catch {
    return false;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** True while a process with this id exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
