#!/usr/bin/env node
// The `congvu` command: TypeScript sources run through tsx, so there is no separate build of the server.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
