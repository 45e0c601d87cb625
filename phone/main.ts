import '../ui/base.css';
import { connectHall } from '../ui/hallConnection.ts';
import './ticket-status.ts';

/** /t/:ticketId — opened from the QR code on the ticket. */
const el = document.createElement('ticket-status');
el.ticketId = decodeURIComponent(/^\/t\/([^/?#]+)/.exec(location.pathname)?.[1] ?? '');
el.connection = connectHall();
document.body.append(el);
