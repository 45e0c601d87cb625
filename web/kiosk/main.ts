import '../lib/base.css';
import { connectHall } from '../lib/hallConnection.ts';
import './kiosk-app.ts';

/** /kiosk?kiosk=K1 names the kiosk, so its tickets print on its printer and its printer trouble shows. */
const app = document.createElement('kiosk-app');
app.kioskId = new URLSearchParams(location.search).get('kiosk');
app.connection = connectHall();
document.body.append(app);
