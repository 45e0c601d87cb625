// The report worker's entry: registers tsx's loader in this thread (a worker's execArgv
// `--import tsx` is not applied on Node 20), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./foldWorker.ts');
