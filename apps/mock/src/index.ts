export { type MockOptions, type MockServer, startMock } from "./start-mock.js";
