import type { Hub } from '../hub.ts';
import { ScoreService } from './service.ts';
import { ScoringStore } from './store.ts';

/** Opens scoring's storage once, on first use, so the routers can be built synchronously. */
export function scoringFor(hub: Hub, dataDir: string): () => Promise<ScoreService> {
  let opening: Promise<ScoreService> | null = null;
  return () => {
    opening ??= ScoringStore.open(dataDir).then((store) => new ScoreService(hub, store, dataDir));
    opening.catch(() => (opening = null));
    return opening;
  };
}
