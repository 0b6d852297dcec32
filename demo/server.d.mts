// Types of demo/server.mjs for TypeScript callers (the e2e spec).

export declare const DEMO_ACCOUNT: string;
export declare const DEMO_PASSWORD: string;
export declare const DEMO_ISSUER: string;
export declare const ENROLL_PATH: string;
export declare const LOGIN_PATH: string;

export interface DemoServerOptions {
  /** HTTP port; 0 (default) picks a free one. */
  port?: number;
  /** Also listen with HTTPS (self-signed certificate, needs `openssl`). */
  https?: boolean;
  /** HTTPS port; 0 (default) picks a free one. */
  httpsPort?: number;
  /** Clock in epoch ms. */
  now?: () => number;
}

export interface DemoUrlOptions {
  /** Host name the browser uses (mapped to 127.0.0.1); default 127.0.0.1. */
  host?: string;
  https?: boolean;
}

/** What the server decided: `bind` (two codes), `password`, `mfa` (logon code). */
export interface DemoEvent {
  kind: 'bind' | 'password' | 'mfa';
  ok: boolean;
  /** Host header of the request. */
  host: string;
  at: number;
}

export interface DemoServer {
  readonly port: number;
  readonly httpsPort: number | undefined;
  origin(options?: DemoUrlOptions): string;
  url(pathname: string, options?: DemoUrlOptions): string;
  readonly events: readonly DemoEvent[];
  close(): Promise<void>;
}

export declare function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
