import { spawn } from "node:child_process";

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; rejects with its output when it exits non-zero, so a failing step explains itself. */
export function run(
  command: string,
  args: string[],
  { cwd, env = process.env }: CommandOptions,
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else {
        const status = signal ? `signal ${signal}` : `code ${code}`;
        reject(new Error(`\`${command} ${args.join(" ")}\` in ${cwd} exited with ${status}\n${stdout}\n${stderr}`));
      }
    });
  });
}
