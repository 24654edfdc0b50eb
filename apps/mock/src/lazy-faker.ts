// Prism's mocker requires faker (hundreds of locale files) when it loads, in every mode, though only a generated
// body (`--dynamic`, or an operation without an example) ever calls it. Called before Prism loads, this puts a
// stand-in into the require cache that loads the real faker on first use: a start without generated bodies skips it.
import { createRequire, Module } from "node:module";

/** Call before the first import of Prism (the engine module); later calls do nothing. */
export function deferFaker(): void {
  const require = createRequire(import.meta.url);
  const prismRequire = createRequire(require.resolve("@stoplight/prism-http/dist/mocker/generator/JSONSchema.js"));
  // Prism hands `faker.default` to json-schema-faker when it loads: that object is a stand-in as well.
  defer(prismRequire, "@faker-js/faker", (load) => ({ default: lazyObject(() => load().default as object) }));
}

/** Caches a stand-in for `request` (as `from` resolves it) that loads the real module on first use. */
function defer(
  from: NodeJS.Require,
  request: string,
  known: (load: () => Record<PropertyKey, unknown>) => Record<PropertyKey, unknown> = () => ({}),
): void {
  const path = from.resolve(request);
  if (from.cache[path] !== undefined) return;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = () => {
    if (real) return real;
    delete from.cache[path];
    real = from(request) as Record<PropertyKey, unknown>;
    return real;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = lazyObject(load, known(load));
  from.cache[path] = standIn;
}

/** An object that is `target()`, fetched on the first use of any property other than those in `known`. */
function lazyObject(target: () => object, known: Record<PropertyKey, unknown> = {}): object {
  const real = () => target() as Record<PropertyKey, unknown>;
  return new Proxy(
    {},
    {
      get: (_, key) => (key in known ? known[key] : real()[key]),
      has: (_, key) => key in known || key in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}
