/** name → [file, find, replace, what it removes] */
export declare const MUTATIONS: Record<string, [file: string, find: string, replace: string, what: string]>;
