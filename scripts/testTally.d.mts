export interface Tally {
  passed: number;
  failed: number;
  problems: string[];
}
export declare function tally(report: unknown, status: number | null, base?: string): Tally;
export declare function runVitest(
  args: string[],
  opts?: { cwd?: string; stdio?: 'inherit' | 'pipe'; env?: NodeJS.ProcessEnv; label?: string },
): Tally & { status: number | null; output: string };
