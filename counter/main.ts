import '../ui/base.css';
import './counter-app.ts';

document.body.append(document.createElement('counter-app'));
