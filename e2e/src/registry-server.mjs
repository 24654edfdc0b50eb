// Runs verdaccio with the config file given as the first argument on 127.0.0.1 and a free port, and prints
// `{"port":N}` once it listens. A child process of the test, so the test can stop it by its pid.
import { createRequire } from "node:module";

const { runServer } = createRequire(import.meta.url)("verdaccio");
const app = await runServer(process.argv[2]);
const server = app.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
// The test holds our stdin open: when its process ends, however abruptly, stdin ends and so does the registry.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
