export declare function withRaisedFileLimit(cmd: string, args: string[]): [string, string[]];
