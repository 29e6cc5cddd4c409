/**
 * The steps of a family's workflow after the push, before `ci notify`: the pushed digest's scan
 * report (where the family's stacks scan with Trivy), its signature and its SLSA provenance, so
 * that the environments' security and signature gates find them when the first deploy runs. Pure.
 */
import type { Platform, Service } from "../config/types.js";

type Step = Record<string, unknown>;

/**
 * Only what is pushed has a digest to scan, sign and attest, and an artifact to notify quikship of:
 * a pull request, or a stack with `push: false`, skips the login, the push and every step after it.
 */
export const PUSHED = "inputs.push && matrix.push";

const SERVER_ENV = { QUIKSHIP_SERVER: "${{ vars.QUIKSHIP_SERVER }}", QUIKSHIP_TOKEN: "${{ secrets.QUIKSHIP_TOKEN }}" };

/** The signing key and its password (when `cosign generate-key-pair` encrypted it), from the repository's secrets. */
const KEY_ENV = { COSIGN_KEY: "${{ secrets.COSIGN_KEY }}", COSIGN_PASSWORD: "${{ secrets.COSIGN_PASSWORD }}" };

const DIGEST_ENV = { SERVICE: "${{ matrix.service }}", DIGEST: "${{ steps.pushed.outputs.digest }}" };

const SCAN_SCRIPT = `set -eu
# Every finding, whatever its severity: each environment's security policy decides what blocks.
trivy image --format json --output trivy.json "\${IMAGE%:*}@$DIGEST"
quikship ci scan-report --service "$SERVICE" --digest "$DIGEST" trivy.json
`;

export function scansWithTrivy(platform: Platform, service: Service): boolean {
  return (platform.stacks[service.stack]?.build?.scan ?? []).some((c) => /\btrivy\b/.test(c));
}

/**
 * `ci sign` and `ci attest` write to the registry with the login step's login, as the push does
 * (registry/login.ts); without one, with the platform's credential, whose `env:NAME` reference is
 * filled from the secret of that name.
 */
function registryEnv(platform: Platform): Record<string, string> {
  const ref = platform.registry?.credentials?.password;
  const name = ref?.startsWith("env:") ? ref.slice("env:".length) : undefined;
  return name === undefined ? {} : { [name]: `\${{ secrets.${name} }}` };
}

function scanCondition(platform: Platform, services: Service[]): string | undefined {
  const stacks = [...new Set(services.map((s) => s.stack))];
  const scanning = stacks.filter((stack) => services.some((s) => s.stack === stack && scansWithTrivy(platform, s)));
  if (scanning.length === 0) return undefined;
  if (scanning.length === stacks.length) return PUSHED;
  return `${PUSHED} && contains(fromJSON('${JSON.stringify(scanning)}'), matrix.stack)`;
}

export function publishSteps(platform: Platform, services: Service[]): Step[] {
  const scanIf = scanCondition(platform, services);
  const registry = registryEnv(platform);
  return [
    {
      name: "The pushed digest",
      id: "pushed",
      if: PUSHED,
      run: `echo "digest=$(jq -r .digest build-manifest.json)" >> "$GITHUB_OUTPUT"`,
    },
    ...(scanIf === undefined
      ? []
      : [
          {
            name: "Scan the pushed digest and store the report with quikship",
            if: scanIf,
            env: { ...DIGEST_ENV, IMAGE: "${{ matrix.image }}", ...SERVER_ENV },
            run: SCAN_SCRIPT,
          },
        ]),
    {
      name: "Sign the pushed digest",
      if: PUSHED,
      env: { ...DIGEST_ENV, ...KEY_ENV, ...registry },
      run: 'quikship ci sign "$SERVICE" --digest "$DIGEST" --key env:COSIGN_KEY --key-password env:COSIGN_PASSWORD',
    },
    {
      name: "Attach its SLSA provenance",
      if: PUSHED,
      env: { ...KEY_ENV, ...registry },
      run: "quikship ci attest --manifest build-manifest.json --key env:COSIGN_KEY --key-password env:COSIGN_PASSWORD",
    },
  ];
}
