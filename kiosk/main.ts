import '../ui/base.css';
import { connectHall } from '../ui/hallConnection.ts';
import { idleSeconds } from '../ui/idleReset.ts';
import { pairDevice, tokenOf } from '../ui/devicePairing.ts';
import { showPairingNotice } from '../ui/pairingNotice.ts';
import './kiosk-app.ts';

/**
 * /kiosk?kiosk=K1 names the kiosk, so its tickets print on its printer and its printer trouble
 * shows; `&seconds=30` keeps a taken ticket on screen longer (default 20 s).
 */
const params = new URLSearchParams(location.search);
const app = document.createElement('kiosk-app');
app.kioskId = params.get('kiosk');
app.ticketSeconds = Math.min(120, Math.max(3, Number(params.get('seconds')) || 20));
// `&idle=45`: seconds without a touch before the kiosk returns to its Chinese home screen (30–60).
app.idleSeconds = idleSeconds(params.get('idle'));
app.connection = connectHall();
document.body.append(app);
// `?pair=<code>` pairs this kiosk once; its token then rides on every ticket it issues.
void pairDevice('kiosk').then((p) => {
  app.deviceToken = tokenOf(p);
  showPairingNotice(p, 'kiosk');
});
