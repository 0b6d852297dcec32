// Types of demo/self-signed-cert.mjs for TypeScript callers (the e2e test server).
export declare function createSelfSignedCertificate(): { key: Buffer; cert: Buffer };
