import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LocalRegistry } from "./local-registry.js";

// Settings a parent `pnpm run` / `npm run` hands down to its children: none of them may reach a test step.
const inherited = /^(npm_|pnpm_|corepack_)/i;
// Except the machine's CA file: an npm on another Node (one from the registry, first on the PATH) reads the global
// npmrc next to its own binary, not the machine's, and reaches the registry only with this setting passed on.
const machineSettings = new Set(["npm_config_cafile"]);

/** The process environment without the npm/pnpm settings of whatever runner started this test. */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => machineSettings.has(name) || !inherited.test(name)),
  );
}

/** A port nothing listens on: every HTTP(S) request that does not go to 127.0.0.1 fails there. */
export const deadProxy = "http://127.0.0.1:9";

/**
 * The environment of the release steps: the local registry is the default and the @payment-customers registry,
 * in the environment (which `changeset publish` forwards to `pnpm publish`) and in the only npmrc files npm and
 * pnpm read (the user and global npmrc are replaced, so no token or registry of this machine applies). Every
 * other host goes through a proxy that does not exist, so nothing can be published or fetched elsewhere.
 */
export async function releaseEnvironment(registry: LocalRegistry, dir: string): Promise<NodeJS.ProcessEnv> {
  const host = registry.url.replace(/^http:/, "");
  const userconfig = join(dir, "user.npmrc");
  const globalconfig = join(dir, "global.npmrc");
  await writeFile(userconfig, `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`);
  await writeFile(globalconfig, "");
  return {
    ...cleanEnvironment(),
    npm_config_registry: registry.url,
    "npm_config_@payment-customers:registry": registry.url,
    pnpm_config_registry: registry.url,
    npm_config_userconfig: userconfig,
    npm_config_globalconfig: globalconfig,
    npm_config_proxy: deadProxy,
    npm_config_https_proxy: deadProxy,
    npm_config_noproxy: "127.0.0.1",
    HTTP_PROXY: deadProxy,
    HTTPS_PROXY: deadProxy,
    NO_PROXY: "127.0.0.1",
    // `git commit` and `changeset publish`'s `git tag` need an identity; none of this machine's git config applies.
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: join(dir, "gitconfig"),
    GIT_AUTHOR_NAME: "e2e",
    GIT_AUTHOR_EMAIL: "e2e@localhost",
    GIT_COMMITTER_NAME: "e2e",
    GIT_COMMITTER_EMAIL: "e2e@localhost",
  };
}
