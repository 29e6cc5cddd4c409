/** The audit log: append-only, hash-chained, verifiable. */
export { appendAudit, recordAudit } from "./append.js";
export { canonicalJson, describeEntry, digest, entryHash, GENESIS_HASH, verifyChain } from "./chain.js";
export type { VerifyOptions } from "./chain.js";
export { AUDIT_PROBLEMS, SYSTEM_ACTOR } from "./entry.js";
export type { AuditEntry, AuditHead, AuditProblem, AuditRecord, AuditVerification } from "./entry.js";
export { recordPlatformLoad } from "./platform.js";
export { verifyAudit } from "./verify.js";
