#!/usr/bin/env node
// Committed stub, so installing the workspace can link the bin before the build has run; the command is dist/cli.js.
import "../dist/cli.js";
