// Section 3: what `npm install` adds to an empty project: our client from its packed tarball (as a user
// would get it from the registry), and for comparison openapi-fetch, axios and superagent by name.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { kilobytes } from "./results.mjs";

const clientDir = fileURLToPath(new URL("../../packages/client", import.meta.url));
const benchPackage = createRequire(import.meta.url)("../package.json");

/** Every installed package (a folder under node_modules with a named, versioned package.json), nested ones too. */
function countPackages(/** @type {string} */ nodeModules) {
  /** @type {string[]} */
  const found = [];
  const visit = (/** @type {string} */ dir) => {
    for (const entry of safeReaddir(dir)) {
      if (entry.startsWith(".")) continue;
      const full = path.join(dir, entry);
      if (entry.startsWith("@")) {
        for (const scoped of safeReaddir(full)) visitPackage(path.join(full, scoped));
      } else {
        visitPackage(full);
      }
    }
  };
  const visitPackage = (/** @type {string} */ dir) => {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      if (manifest.name && manifest.version) found.push(`${manifest.name}@${manifest.version}`);
    } catch {
      return;
    }
    visit(path.join(dir, "node_modules"));
  };
  visit(nodeModules);
  return found.sort();
}

/** @param {string} dir */
function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Sum of file sizes, and of allocated blocks (what `du` reports), under `dir`. */
function diskUsage(/** @type {string} */ dir) {
  let bytes = 0;
  let allocated = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const stat = lstatSync(path.join(entry.parentPath, entry.name));
    if (stat.isFile()) bytes += stat.size;
    allocated += stat.blocks * 512;
  }
  return { bytes, allocated };
}

/** Installs `spec` into a new empty project and measures its node_modules. */
export function footprint(/** @type {string} */ name, /** @type {string} */ spec, /** @type {string} */ workDir) {
  const project = path.join(workDir, name.replace(/[^a-z0-9]+/gi, "-"));
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "install-footprint", private: true }));
  execFileSync("npm", ["install", spec, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: project,
    stdio: "pipe",
  });
  const nodeModules = path.join(project, "node_modules");
  return { name, packages: countPackages(nodeModules), ...diskUsage(nodeModules) };
}

/** @returns {Promise<import("./results.mjs").Measured>} */
export async function measureInstallFootprint() {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "bench-install-"));
  const notes = [];
  try {
    /** @type {ReturnType<typeof footprint>[]} */
    const results = [];
    try {
      execFileSync("pnpm", ["pack", "--pack-destination", workDir], { cwd: clientDir, stdio: "pipe" });
      const tarball = readdirSync(workDir).find((file) => file.endsWith(".tgz"));
      if (tarball === undefined) throw new Error("pnpm pack wrote no tarball");
      results.push(footprint("@payment-customers/client (packed tarball)", path.join(workDir, tarball), workDir));
      const manifest = JSON.parse(readFileSync(path.join(clientDir, "package.json"), "utf8"));
      const runtimeDeps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
      if (runtimeDeps.includes("@payment-customers/types")) {
        notes.push(
          "**Problem:** the client lists @payment-customers/types as a runtime dependency; types belong in devDependencies or should be bundled into its .d.ts.",
        );
      }
    } catch (error) {
      notes.push(`Our client was not measured: ${/** @type {Error} */ (error).message.split("\n")[0]}`);
    }
    for (const peer of ["openapi-fetch", "axios", "superagent"]) {
      results.push(footprint(peer, `${peer}@${benchPackage.devDependencies[peer]}`, workDir));
    }
    const ours = results[0]?.name.startsWith("@payment-customers/client") ? results[0] : undefined;
    if (ours) notes.push(`Packages our client installs: ${ours.packages.join(", ")}.`);
    return {
      tables: [
        {
          caption: "What installing the package adds to node_modules",
          headers: ["package", "packages", "file bytes", "on disk (du)"],
          rows: results.map(({ name, packages, bytes, allocated }) => [
            name,
            packages.length,
            kilobytes(bytes),
            kilobytes(allocated),
          ]),
        },
      ],
      notes: [
        '`npm install <spec> --no-audit --no-fund` in a new folder under the OS temp dir; our client from `pnpm pack` of packages/client, the others by name at the versions bench/package.json pins. "file bytes" sums file sizes; "on disk" counts allocated blocks (filesystem-dependent).',
        ...notes,
      ],
      data: { results },
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
