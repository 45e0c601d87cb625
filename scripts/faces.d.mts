export declare const FACES: readonly string[];
export declare const PAGE_DIRS: readonly string[];
