// The README's pasteable examples, run as pasted against the mock: each line's status is in its comment.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startMock } from "../../dist/index.js";

const run = promisify(execFile);

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const block =
  /<!-- readme-examples:start -->\n```sh\n([\s\S]*?)```\n<!-- readme-examples:end -->/.exec(readme)?.[1] ?? "";
const [tokenLine = "", ...lines] = block.trim().split("\n");
const examples = lines.map((line) => {
  const [, command = "", status = ""] = /^(.*?)\s+# (\d{3})$/.exec(line) ?? [];
  return { command, status };
});

describe("the README's examples", () => {
  it("are there, each with its status", () => {
    expect(tokenLine).toMatch(/^TOKEN=\$\(curl /);
    expect(examples.length).toBeGreaterThan(8);
    for (const { command, status } of examples) expect(command !== "" && status !== "").toBe(true);
  });

  // The mock the bin starts, in this process (the bin's own start is tested in cli.test.ts): the shell waits for
  // it without blocking it.
  it("answer as their comments say when pasted (the mock's URL in place of port 4010)", async () => {
    const mock = await startMock({ port: 0 });
    try {
      const local = (text: string) => text.replaceAll("http://127.0.0.1:4010", mock.url);
      // Each line runs as pasted into a shell after the token line; curl prints the status line first (-i).
      for (const { command, status } of examples) {
        const { stdout } = await run("sh", ["-c", `${local(tokenLine)}\n${local(command)}`], { encoding: "utf8" });
        expect(stdout.split("\n")[0], command).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      }
    } finally {
      await mock.close();
    }
  });
});
