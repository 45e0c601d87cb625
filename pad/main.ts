import '../ui/base.css';
import { connectHall } from '../ui/hallConnection.ts';
import { idleSeconds } from '../ui/idleReset.ts';
import { pairDevice, tokenOf } from '../ui/devicePairing.ts';
import { showPairingNotice } from '../ui/pairingNotice.ts';
import './rate-pad.ts';

/** /rate/:windowNumber — one pad per window, facing the visitor. */
const pad = document.createElement('rate-pad');
pad.windowNumber = Number(/^\/rate\/(\d+)/.exec(location.pathname)?.[1] ?? new URLSearchParams(location.search).get('window') ?? 1);
// `?idle=45`: seconds without a touch before the pad returns to its Chinese idle screen (30–60).
pad.idleSeconds = idleSeconds(new URLSearchParams(location.search).get('idle'));
pad.connection = connectHall();
document.body.append(pad);
// `?pair=<code>` pairs this pad once with its window; ratings go with its token.
void pairDevice('pad').then((p) => {
  pad.deviceToken = tokenOf(p);
  showPairingNotice(p, 'pad');
});
