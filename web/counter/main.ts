import '../lib/base.css';
import './counter-app.ts';

document.body.append(document.createElement('counter-app'));
