#!/usr/bin/env node
// The `cliche` command: runs the TypeScript CLI from source through tsx's loader.
import {register} from 'tsx/esm/api';

register();
const {main} = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
