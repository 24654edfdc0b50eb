// Two modules Prism requires when it loads, in every mode, though most starts never call them:
// - faker (hundreds of locale files), which only a generated body calls (`--dynamic`, or an operation without an
//   example);
// - lodash/fp, which converts all of lodash when it loads (the largest part of loading Prism's validators), and
//   which Prism's security check calls only to tag a failed check.
// Called before Prism loads, this puts a stand-in for each into the require cache that loads the real module on
// first use: a start skips them until a request needs them.
import { createRequire, Module } from "node:module";

/** Call before the first import of Prism (the engine module); later calls do nothing. */
export function deferPrismModules(): void {
  const require = createRequire(import.meta.url);
  const prismFile = (file: string) => createRequire(require.resolve(`@stoplight/prism-http/dist/${file}`));
  // Prism hands `faker.default` to json-schema-faker when it loads: that object is a stand-in as well.
  defer(prismFile("mocker/generator/JSONSchema.js"), "@faker-js/faker", (load) => ({
    default: lazyObject(() => load().default as object),
  }));
  defer(prismFile("validator/validators/security/index.js"), "lodash/fp");
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
  // A module's exports may be a function (lodash/fp's are): the stand-in can be called too.
  standIn.exports = lazyObject(load, known(load), () => {});
  from.cache[path] = standIn;
}

/**
 * An object that is `target()`, fetched on the first use of any property other than those in `known`. `shape` is
 * what it looks like before that: a plain object, or an (arrow) function to stand in for a function.
 */
function lazyObject(target: () => object, known: Record<PropertyKey, unknown> = {}, shape: object = {}): object {
  const real = () => target() as Record<PropertyKey, unknown>;
  return new Proxy(shape, {
    get: (_, key) => (key in known ? known[key] : real()[key]),
    has: (_, key) => key in known || key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    apply: (_, self, args) => Reflect.apply(real() as unknown as (...args: unknown[]) => unknown, self, args),
  });
}
