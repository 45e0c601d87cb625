import '../ui/base.css';
import { connectHall } from '../ui/hallConnection.ts';
import './rate-pad.ts';

/** /rate/:windowNumber — one pad per window, facing the visitor. */
const pad = document.createElement('rate-pad');
pad.windowNumber = Number(/^\/rate\/(\d+)/.exec(location.pathname)?.[1] ?? new URLSearchParams(location.search).get('window') ?? 1);
pad.connection = connectHall();
document.body.append(pad);
