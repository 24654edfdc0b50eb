// The OpenAPI document the mock serves: the bundled one, or a user's file (`--spec`, YAML or JSON, its local
// `$ref`s to other files bundled in), watched and reloaded when it is saved.
import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type $RefParser from "@stoplight/json-schema-ref-parser";
import { readBundledSpec, specFile } from "./bundled-spec.js";

/** An OpenAPI document, as far as the mock reads it itself (Prism reads the rest). */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown> } | unknown>>;
  servers?: { url: string }[];
  [key: string]: unknown;
}

/** A loaded document and every file it was read from (the file itself and those its `$ref`s name). */
export interface LoadedSpec {
  document: OpenApiDocument;
  files: string[];
}

/**
 * Reads `file` and the local files its `$ref`s point to into one document (references inside it stay `$ref`s).
 * Rejects, saying why, when the file cannot be read or parsed or is not an OpenAPI 3 document with paths.
 */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  // The bundled spec is one file already: reading it needs no bundler (the start on it stays light).
  if (resolve(file) === specFile) return { document: (await readBundledSpec()) as OpenApiDocument, files: [specFile] };
  const { default: RefParser } = await import("@stoplight/json-schema-ref-parser");
  const parser = new RefParser();
  // Only files: a spec under development must not make the mock fetch from the network.
  const options = { resolve: { http: false } } as unknown as $RefParser.Options;
  const document = (await parser.bundle(resolve(file), options)) as unknown as Partial<OpenApiDocument>;
  if (typeof document !== "object" || document === null || typeof document.openapi !== "string")
    throw new Error(`${file} is not an OpenAPI document (no "openapi" version field)`);
  if (!document.openapi.startsWith("3."))
    throw new Error(`${file} is OpenAPI ${document.openapi}; the mock serves OpenAPI 3.0 and 3.1`);
  if (typeof document.paths !== "object" || document.paths === null || Array.isArray(document.paths))
    throw new Error(`${file} has no "paths" object`);
  return { document: document as OpenApiDocument, files: parser.$refs.paths("file") };
}

/**
 * Calls `changed` once after one or more of `files` were written (a burst of writes, as editors do, counts once).
 * Directories are watched, not the files: an editor that saves by renaming a new file over the old one would
 * otherwise end the watch. `update` swaps the set of files (a reload can add or drop a `$ref`'d file).
 */
export function watchFiles(files: string[], changed: () => void): { update(files: string[]): void; close(): void } {
  const watchers = new Map<string, FSWatcher>();
  let names = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const update = (next: string[]) => {
    names = new Set(next.map((file) => resolve(file)));
    const dirs = new Set([...names].map((file) => dirname(file)));
    for (const [dir, watcher] of watchers) {
      if (dirs.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      const watcher = watch(dir, (_event, name) => {
        if (name !== null && !names.has(resolve(dir, basename(name.toString())))) return;
        clearTimeout(timer);
        timer = setTimeout(changed, 100);
      });
      watcher.unref();
      watchers.set(dir, watcher);
    }
  };
  update(files);
  return {
    update,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
