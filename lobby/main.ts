import '../ui/base.css';
import './lobby-app.ts';

/** /lobby — the lobby staff's tablet (大堂经理 / 导服). */
document.body.append(document.createElement('lobby-app'));
