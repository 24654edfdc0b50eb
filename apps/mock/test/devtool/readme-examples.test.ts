// The README's pasteable examples, run as pasted against the bin: each line's status is in its comment.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runBin } from "../run-bin.js";

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

  it("answer as their comments say when pasted (the mock's URL in place of port 4010)", async () => {
    const bin = await runBin(["--port", "0", "--quiet"]);
    try {
      const local = (text: string) => text.replaceAll("http://127.0.0.1:4010", bin.url);
      // Each line runs as pasted into a shell after the token line; curl prints the status line first (-i).
      for (const { command, status } of examples) {
        const output = execFileSync("sh", ["-c", `${local(tokenLine)}\n${local(command)}`], { encoding: "utf8" });
        expect(output.split("\n")[0], command).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      }
    } finally {
      await bin.stop();
    }
  });
});
