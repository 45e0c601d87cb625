import '../ui/base.css';
import { connectHall } from '../ui/hallConnection.ts';
import { Announcer } from './announcer.ts';
import { DisplayStore } from './displayStore.ts';
import './hall-display.ts';
import './window-screen.ts';

/**
 * /display is the wall screen and speaks the calls; /display/window/:number is one window's screen
 * and stays silent. `?repeat=2` says each call twice.
 */
const params = new URLSearchParams(location.search);
const windowMatch = /^\/display\/window\/(\d+)/.exec(location.pathname);
const conn = connectHall();

if (windowMatch) {
  const el = document.createElement('window-screen');
  el.number = Number(windowMatch[1]);
  el.store = new DisplayStore(conn, null);
  el.connection = conn;
  document.body.append(el);
} else {
  const repeat = Math.min(5, Math.max(1, Number(params.get('repeat') ?? '1') || 1));
  const announcer = new Announcer(repeat);
  (window as unknown as { hallAnnouncer: Announcer }).hallAnnouncer = announcer;
  const el = document.createElement('hall-display');
  el.store = new DisplayStore(conn, announcer);
  el.announcer = announcer;
  el.connection = conn;
  document.body.append(el);
}
