import { digestChecksHaveDigests, retentionScheduleIsValid } from "./artifacts.js";
import type { Rule } from "./context.js";
import { dependenciesAreAcyclic, ladderIsSound } from "./ladder.js";
import { aliasesAreUnique, referencesResolve, rootIsComplete } from "./references.js";
import { permissionsNameGroups } from "./permissions.js";
import { analysisSeesRequests, promqlPlaceholdersAreKnown } from "./providers.js";
import { secretsAreReferences } from "./secrets.js";
import { fieldsAgree } from "./shapes.js";
import { terraformDriftSchedulesAreValid, terraformVersionIsValid } from "./terraform.js";
import { tfOutputReferencesAreKnown } from "./tfoutput.js";
import { canaryStepsAreSound, thresholdsAreOrdered } from "./strategies.js";
import { promotionsAreWellFormed } from "./promotion.js";
import { windowsAreWellFormed } from "./windows.js";

export type { Rule, RuleContext } from "./context.js";

export const RULES: readonly Rule[] = [
  rootIsComplete,
  referencesResolve,
  permissionsNameGroups,
  aliasesAreUnique,
  ladderIsSound,
  dependenciesAreAcyclic,
  windowsAreWellFormed,
  promotionsAreWellFormed,
  canaryStepsAreSound,
  thresholdsAreOrdered,
  promqlPlaceholdersAreKnown,
  analysisSeesRequests,
  secretsAreReferences,
  fieldsAgree,
  terraformVersionIsValid,
  terraformDriftSchedulesAreValid,
  tfOutputReferencesAreKnown,
  digestChecksHaveDigests,
  retentionScheduleIsValid,
];
