// Worker-thread entry for parallel index builds: registers tsx, then runs the TypeScript worker.
import {register} from 'tsx/esm/api';

register();
await import('./fingerprint-worker-main.ts');
