import { cpus, totalmem } from 'node:os';
import { abuseBench } from './abuse/index.ts';
import { hubBench } from './hub/index.ts';
import { networkBench } from './network/index.ts';
import { forwardingBench } from './network/forwarding.ts';
import { networkScaleBench } from './network/scale.ts';
import { reportsBench } from './reports/index.ts';
import { timingBench } from './timing/index.ts';

/**
 * `npm run bench [-- section… --quick]`: each section lives in its own folder and returns its
 * table rows; name sections to run only those. Figures are printed beside references measured in
 * the same run, on the machine described first.
 */
type Section = (log: (line: string) => void, quick: boolean) => Promise<string[]>;

const sections: Record<string, Section> = {
  hub: hubBench,
  network: networkBench,
  // Separate sections: the bulk-loaded report sizes take minutes on their own.
  'network-scale': networkScaleBench,
  'network-forwarding': forwardingBench,
  reports: reportsBench,
  timing: timingBench,
  abuse: abuseBench,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!sections[name]) {
    console.error(`unknown section ${name}; sections: ${Object.keys(sections).join(', ')}`);
    process.exit(1);
  }
}
const cpu = cpus();
console.log(`# bench ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`);
for (const [name, run] of Object.entries(sections)) {
  if (chosen.length && !chosen.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run(console.log, quick);
}
