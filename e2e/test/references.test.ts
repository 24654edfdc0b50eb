// Every reference in the repository resolves inside it: relative Markdown links point at files that exist in the
// repository, and no tracked file sends its reader to a path outside the repository.
import { readFile, stat } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/command.js";
import { repositoryRoot } from "../src/working-tree.js";

let root: string;
let tracked: string[];
beforeAll(async () => {
  root = await repositoryRoot();
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root });
  tracked = stdout.split("\0").filter(Boolean);
});

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe("references", () => {
  it("relative Markdown links resolve to files inside the repository", async () => {
    const broken: string[] = [];
    for (const file of tracked.filter((name) => name.endsWith(".md"))) {
      const text = await readFile(join(root, file), "utf8");
      for (const [, target = ""] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^([a-z]+:|#)/i.test(target)) continue; // a web address or an anchor on the same page
        const path = join(root, dirname(file), decodeURIComponent(target.split("#")[0] ?? ""));
        if (relative(root, path).startsWith("..") || !(await exists(path))) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("no file points to the workplace outside the repository", async () => {
    const outside: string[] = [];
    for (const file of tracked.filter((name) => !/(^|\/)pnpm-lock\.yaml$|\.(png|ico|tgz)$/.test(name))) {
      const text = await readFile(join(root, file), "utf8").catch(() => "");
      if (/\.\.\/shared\/|\/work\/(main|shared)\b/.test(text)) outside.push(file);
    }
    expect(outside).toEqual([]);
  });
});
